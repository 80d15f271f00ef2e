package io.hubfarm.node.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.cert.CertificateRepository;
import io.hubfarm.schema.testing.Concurrently;
import io.hubfarm.schema.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ClusterCertificatesTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path dir;

    @BeforeEach
    void newCluster() {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM certificates"));
    }

    private final ServerIdentity identity = ServerIdentity.of("vpn.example.net", "n1", List.of("192.0.2.10", "vpn2.example.net"));

    @Test
    void theFirstNodeCreatesThePairAndEveryOtherReadsTheSameOne() throws Exception {
        CertificateRepository repo = new CertificateRepository(db.jdbi());
        ClusterSecret secret = ClusterSecret.generate(dir.resolve("secret"));
        ServerCredentials first = ClusterCertificates.ensure(repo, secret, identity, NodeClock.system());
        ServerCredentials second = ClusterCertificates.ensure(repo, ClusterSecret.load(dir.resolve("secret")),
                ServerIdentity.of(null, "n2", List.of()), NodeClock.system());

        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(second.key().getEncoded()).isEqualTo(first.key().getEncoded());
        X509Certificate cert = first.certificate();
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=vpn.example.net");
        assertThat(cert.getSubjectAlternativeNames().stream().map(san -> (Object) san.get(1)).toList())
                .containsExactlyInAnyOrder((Object) "vpn.example.net", "192.0.2.10", "vpn2.example.net");
        cert.verify(first.ca().getPublicKey());
        assertThat(first.ca().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(second.key());
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(cert.getPublicKey());
        s.update(new byte[] {1, 2, 3});
        assertThat(s.verify(sig)).as("the key read back belongs to the certificate").isTrue();
    }

    @Test
    void theDatabaseHoldsNoKeyInClear() {
        CertificateRepository repo = new CertificateRepository(db.jdbi());
        ServerCredentials creds = ClusterCertificates.ensure(repo, ClusterSecret.generate(dir.resolve("s")), identity,
                NodeClock.system());
        byte[] pkcs8 = creds.key().getEncoded();
        for (var stored : repo.list()) {
            byte[] sealed = stored.sealedKey().orElseThrow();
            assertThat(indexOf(sealed, Arrays.copyOfRange(pkcs8, 40, 72))).isNegative();
        }
    }

    @Test
    void anotherSecretIsRefusedWithAClearMessage() {
        CertificateRepository repo = new CertificateRepository(db.jdbi());
        ClusterCertificates.ensure(repo, ClusterSecret.generate(dir.resolve("right")), identity, NodeClock.system());
        ClusterSecret wrong = ClusterSecret.generate(dir.resolve("wrong"));
        assertThatThrownBy(() -> ClusterCertificates.ensure(repo, wrong, identity, NodeClock.system()))
                .isInstanceOf(ClusterSecretMismatchException.class)
                .hasMessageContaining("does not open the cluster's keys").hasMessageContaining("wrong");
    }

    @Test
    void nodesRacingOnANewClusterEndUpWithOneCertificate() throws Exception {
        CertificateRepository repo = new CertificateRepository(db.jdbi());
        ClusterSecret secret = ClusterSecret.generate(dir.resolve("s"));
        List<ServerCredentials> results = Concurrently.run(4, i -> () ->
                ClusterCertificates.ensure(repo, secret, identity, NodeClock.system()));
        assertThat(results).extracting(ServerCredentials::certificate).containsOnly(results.getFirst().certificate());
        assertThat(repo.list()).hasSize(2);
    }

    @Test
    void theSecretFileIsPrivateAndItsContentNeverInAMessage() throws Exception {
        Path file = dir.resolve("secret");
        ClusterSecret.generate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ClusterSecret.load(file).bytes()).hasSize(32);
        Files.writeString(file, "c2VjcmV0LXNob3J0\n");
        assertThatThrownBy(() -> ClusterSecret.load(file)).hasMessageContaining("12 bytes, not 32")
                .hasMessageNotContaining("c2VjcmV0");
        Files.writeString(file, "not base64 at all!\n");
        assertThatThrownBy(() -> ClusterSecret.load(file)).hasMessageContaining("not one line of base64")
                .hasMessageNotContaining("at all");
        assertThatThrownBy(() -> ClusterSecret.generate(file)).hasMessageContaining("already exists");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
