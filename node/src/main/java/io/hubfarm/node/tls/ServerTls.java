package io.hubfarm.node.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/** The listeners' TLS: 1.3 and 1.2 only, the JDK's default (secure) cipher suites, the cluster's certificate. */
public final class ServerTls {
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ServerTls() {
    }

    public static SslContext sslContext(ServerCredentials credentials) {
        try {
            return SslContextBuilder.forServer(credentials.key(), credentials.certificate(), credentials.ca())
                    .sslProvider(SslProvider.JDK).protocols(PROTOCOLS).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS with the cluster certificate: " + e.getMessage(), e);
        }
    }
}
