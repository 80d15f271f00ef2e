package io.hubfarm.node.tls;

import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.cert.CertificateRepository;
import io.hubfarm.schema.cert.StoredCertificate;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster CA and the server certificate, created by the first node of a cluster and read by
 * every other: so every node presents the same certificate, and a client that pins it may land on
 * any node (spec §1.1). When two nodes of a new cluster race, each inserts if absent and then reads
 * back, so both end up with the winner's pair.
 */
public final class ClusterCertificates {
    public static final String CA = "cluster-ca";
    public static final String SERVER = "server";
    static final Duration CA_VALIDITY = Duration.ofDays(20 * 365);
    static final Duration SERVER_VALIDITY = Duration.ofDays(10 * 365);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Logger log = LoggerFactory.getLogger(ClusterCertificates.class);

    private ClusterCertificates() {
    }

    public static boolean exist(CertificateRepository repository) {
        return repository.find(SERVER).isPresent();
    }

    public static ServerCredentials ensure(CertificateRepository repository, ClusterSecret secret,
                                           ServerIdentity identity, NodeClock clock) {
        if (repository.find(CA).isEmpty() || repository.find(SERVER).isEmpty()) {
            create(repository, secret, identity, clock.now());
        }
        StoredCertificate ca = repository.find(CA).orElseThrow();
        StoredCertificate server = repository.find(SERVER).orElseThrow();
        X509Certificate serverCert = certificate(server.certificateDer());
        PrivateKey key = privateKey(SealedKey.open(server.sealedKey().orElseThrow(() ->
                new ClusterSecretMismatchException("the server certificate in the database has no key")), SERVER, secret));
        return new ServerCredentials(serverCert, key, certificate(ca.certificateDer()));
    }

    private static void create(CertificateRepository repository, ClusterSecret secret, ServerIdentity identity,
                               Instant now) {
        try {
            // Whoever inserts the CA first wins; every racer then signs with the winner's CA, and the
            // first server certificate inserted is the one all of them read.
            StoredCertificate caRow = repository.find(CA).orElse(null);
            if (caRow == null) {
                KeyPair keys = rsa(3072);
                X500Name caName = name("hubfarm cluster CA");
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minusSeconds(3600)),
                        Date.from(now.plus(CA_VALIDITY)), caName, keys.getPublic());
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
                X509Certificate cert = sign(b, keys.getPrivate());
                if (repository.insertIfAbsent(stored(CA, cert, keys.getPrivate(), secret))) {
                    log.info("Created the cluster CA ({})", cert.getSubjectX500Principal());
                }
                caRow = repository.find(CA).orElseThrow();
            }
            X509Certificate caCert = certificate(caRow.certificateDer());
            KeyPair caKeys = new KeyPair(caCert.getPublicKey(), privateKey(SealedKey.open(caRow.sealedKey()
                    .orElseThrow(() -> new ClusterSecretMismatchException("the cluster CA in the database has no key")),
                    CA, secret)));
            if (repository.find(SERVER).isPresent()) {
                return;
            }
            KeyPair serverKeys = rsa(2048);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial(), Date.from(now.minusSeconds(3600)),
                    Date.from(now.plus(SERVER_VALIDITY)), name(identity.commonName()), serverKeys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, alternativeNames(identity.alternativeNames()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
            X509Certificate serverCert = sign(b, caKeys.getPrivate());
            if (repository.insertIfAbsent(stored(SERVER, serverCert, serverKeys.getPrivate(), secret))) {
                log.info("Created the server certificate every node presents: {}, alternative names {}",
                        serverCert.getSubjectX500Principal(), identity.alternativeNames());
            }
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot create the cluster certificates: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(List<String> names) {
        return new GeneralNames(names.stream().map(n -> IPV4.matcher(n).matches() || n.contains(":")
                ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n))
                .toArray(GeneralName[]::new));
    }

    private static StoredCertificate stored(String name, X509Certificate cert, PrivateKey key, ClusterSecret secret)
            throws GeneralSecurityException {
        return new StoredCertificate(name, cert.getSubjectX500Principal().getName(), cert.getSerialNumber().toString(16),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), cert.getEncoded(),
                Optional.of(SealedKey.seal(key.getEncoded(), name, secret)));
    }

    private static X500Name name(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "hubfarm").addRDN(BCStyle.CN, cn).build();
    }

    private static BigInteger serial() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return new BigInteger(1, b);
    }

    private static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws OperatorCreationException, java.io.IOException {
        byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)).getEncoded();
        return certificate(der);
    }

    static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored certificate cannot be read: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored key cannot be read: " + e.getMessage(), e);
        }
    }

    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.ofDelimiter(":").formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
