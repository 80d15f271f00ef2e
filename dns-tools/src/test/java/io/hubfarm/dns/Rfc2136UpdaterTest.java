package io.hubfarm.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hubfarm.dns.testing.NamedServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** RFC 2136 updates with TSIG, received by BIND's named (Debian's bind9, which scripts/test installs). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc2136UpdaterTest {
    static final DnsSettings DNS = new DnsSettings(DnsName.of("vpn.lab.test"), DnsName.of("vpn.lab.test"),
            Duration.ofSeconds(5));

    @TempDir
    static Path dir;
    private NamedServer named;
    private DnsUpdateTarget target;
    private final Rfc2136Updater updater = new Rfc2136Updater();

    @BeforeAll
    void startNamed() throws IOException {
        assumeTrue(NamedServer.installed(), "needs BIND's named and dig (apt install bind9 bind9-dnsutils; scripts/test does)");
        named = NamedServer.start(dir.resolve("named"), "127.0.0.1", freePort(), "lab.test", List.of());
        target = DnsUpdateTarget.from(Map.of(DnsUpdateTarget.SERVER, named.server(), DnsUpdateTarget.ZONE, "lab.test",
                DnsUpdateTarget.KEY_NAME, NamedServer.KEY_NAME, DnsUpdateTarget.SECRET_FILE, named.secretFile().toString()),
                DNS).orElseThrow();
    }

    @AfterAll
    void stopNamed() {
        if (named != null) {
            named.close();
        }
    }

    @Test
    void eachUpdateReplacesTheAddressesOfTheClusterName() {
        updater.replace(target, DNS.clusterName(), DNS.ttl(), v4("192.0.2.1", "192.0.2.2", "192.0.2.3"),
                List.of((Inet6Address) InetAddress.ofLiteral("2001:db8::1")));
        assertThat(named.ask("vpn.lab.test", "A")).containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3");
        assertThat(named.ask("vpn.lab.test", "AAAA")).containsExactly("2001:db8::1");

        updater.replace(target, DNS.clusterName(), DNS.ttl(), v4("192.0.2.1", "192.0.2.3"), List.of());
        assertThat(named.ask("vpn.lab.test", "A")).containsExactly("192.0.2.1", "192.0.2.3");
        assertThat(named.ask("vpn.lab.test", "AAAA")).isEmpty();
    }

    @Test
    void aWrongKeyOrAnUnreachableServerIsAClearError() throws IOException {
        Path wrong = dir.resolve("wrong.key");
        Files.writeString(wrong, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        DnsUpdateTarget badKey = new DnsUpdateTarget(target.serverHost(), target.serverPort(), target.zone(),
                target.keyName(), target.algorithm(), wrong);
        assertThatThrownBy(() -> updater.replace(badKey, DNS.clusterName(), DNS.ttl(), v4("192.0.2.9"), List.of()))
                .isInstanceOf(DnsUpdateException.class).hasMessageContaining("refused the update")
                .hasMessageContaining("vpn.lab.test");

        DnsUpdateTarget nobody = new DnsUpdateTarget("127.0.0.1", freePort(), target.zone(), target.keyName(),
                target.algorithm(), target.secretFile());
        assertThatThrownBy(() -> updater.replace(nobody, DNS.clusterName(), DNS.ttl(), v4("192.0.2.9"), List.of()))
                .isInstanceOf(DnsUpdateException.class).hasMessageContaining("no answer from 127.0.0.1");

        DnsUpdateTarget missing = new DnsUpdateTarget(target.serverHost(), target.serverPort(), target.zone(),
                target.keyName(), target.algorithm(), dir.resolve("absent.key"));
        assertThatThrownBy(() -> updater.replace(missing, DNS.clusterName(), DNS.ttl(), v4("192.0.2.9"), List.of()))
                .isInstanceOf(DnsUpdateException.class).hasMessageContaining("cannot read the TSIG secret");
    }

    @Test
    void theTargetSettingsAreValidated() {
        assertThat(DnsUpdateTarget.from(Map.of(), DNS)).isEmpty();
        assertThatThrownBy(() -> DnsUpdateTarget.from(Map.of(DnsUpdateTarget.SERVER, "192.0.2.53"), DNS))
                .hasMessageContaining(DnsUpdateTarget.KEY_NAME + " is required");
        assertThatThrownBy(() -> DnsUpdateTarget.from(Map.of(DnsUpdateTarget.SERVER, "192.0.2.53", DnsUpdateTarget.ZONE,
                "other.test", DnsUpdateTarget.KEY_NAME, "k", DnsUpdateTarget.SECRET_FILE, "/k"), DNS))
                .hasMessageContaining("does not hold the cluster name");
        assertThatThrownBy(() -> DnsUpdateTarget.from(Map.of(DnsUpdateTarget.SERVER, "192.0.2.53", DnsUpdateTarget.KEY_NAME,
                "k", DnsUpdateTarget.ALGORITHM, "md5", DnsUpdateTarget.SECRET_FILE, "/k"), DNS))
                .hasMessageContaining("hmac-sha256");
        DnsUpdateTarget ok = DnsUpdateTarget.from(Map.of(DnsUpdateTarget.SERVER, "192.0.2.53", DnsUpdateTarget.KEY_NAME,
                "k", DnsUpdateTarget.SECRET_FILE, "/k"), DNS).orElseThrow();
        assertThat(ok.serverPort()).isEqualTo(53);
        assertThat(ok.zone()).isEqualTo(DNS.zone());
        assertThat(ok.algorithm()).isEqualTo("hmac-sha256");
    }

    static List<Inet4Address> v4(String... addresses) {
        return java.util.Arrays.stream(addresses).map(a -> (Inet4Address) InetAddress.ofLiteral(a)).toList();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
