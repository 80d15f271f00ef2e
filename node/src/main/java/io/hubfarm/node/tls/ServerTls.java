package io.hubfarm.node.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/** The listeners' TLS: 1.3 and 1.2 only, the JDK's default (secure) cipher suites, the cluster's certificate. */
public final class ServerTls {
    /**
     * Makes this JVM's TLS servers ignore the client's server name (SNI). The SoftEther client sends
     * the account's host text as the name, so an account written as {@code HOST/tcp:PORT} (the form
     * reconnects need, spec Appendix B) sends "HOST/tcp", which the JDK refuses as an illegal host
     * name, failing the handshake. A node presents one certificate whatever the name, so nothing is
     * lost. Must run before the first TLS handshake of the process: the JDK reads it once.
     */
    public static void ignoreClientServerNames() {
        System.setProperty("jdk.tls.server.disableExtensions", "server_name");
    }

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
