package io.hubfarm.node;

import io.hubfarm.node.config.ConfigException;
import io.hubfarm.node.config.NodeConfig;
import io.hubfarm.node.config.Setting;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.node.tls.ClusterCertificates;
import io.hubfarm.node.tls.ClusterSecret;
import io.hubfarm.node.tls.ClusterSecretLocation;
import io.hubfarm.node.tls.ServerCredentials;
import io.hubfarm.node.tls.ServerIdentity;
import io.hubfarm.node.tls.ServerTls;
import io.hubfarm.schema.Database;
import io.hubfarm.schema.cert.CertificateRepository;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners' TLS context from the cluster's certificates, creating them for a new cluster. */
final class ServerTlsBootstrap {
    /** The cluster's DNS name (a cluster setting): the server certificate's common name when set. */
    static final String DNS_NAME_SETTING = "cluster.dns-name";
    private static final Logger log = LoggerFactory.getLogger(ServerTlsBootstrap.class);

    private ServerTlsBootstrap() {
    }

    static SslContext sslContext(Database db, NodeConfig config, NodeClock clock) {
        CertificateRepository certificates = new CertificateRepository(db.jdbi());
        ClusterSecret secret = ClusterSecretLocation.resolve(config, ClusterCertificates.exist(certificates));
        String dnsName = new ClusterSettings(db.jdbi()).get(DNS_NAME_SETTING).orElse(null);
        ServerIdentity identity = ServerIdentity.of(dnsName, config.name(), config.publicHost().map(List::of).orElse(List.of()));
        ServerCredentials credentials = ClusterCertificates.ensure(certificates, secret, identity, clock);
        log.info("TLS certificate: {} (SHA-256 {})", credentials.certificate().getSubjectX500Principal(),
                ClusterCertificates.fingerprint(credentials.certificate()));
        try {
            return ServerTls.sslContext(credentials, config.tlsEngine());
        } catch (ServerTls.EngineUnavailableException e) {
            throw new ConfigException(e.getMessage() + " (" + Setting.TLS_PROVIDER.names() + ")");
        }
    }
}
