package io.hubfarm.node;

import io.hubfarm.node.config.NodeConfig;
import io.hubfarm.schema.Database;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;

/** TEMPORARY: replaced by the cluster certificates. */
final class ServerTlsBootstrap {
    private ServerTlsBootstrap() {
    }

    @SuppressWarnings("deprecation")
    static SslContext sslContext(Database db, NodeConfig config) {
        try {
            SelfSignedCertificate cert = new SelfSignedCertificate(config.name());
            return SslContextBuilder.forServer(cert.certificate(), cert.privateKey()).protocols("TLSv1.3", "TLSv1.2").build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
