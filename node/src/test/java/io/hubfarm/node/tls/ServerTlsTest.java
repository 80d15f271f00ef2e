package io.hubfarm.node.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.cert.CertificateRepository;
import io.hubfarm.schema.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The listeners' TLS: 1.3 and 1.2 with the cluster certificate, nothing older. */
class ServerTlsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static EventLoopGroup group;
    static Channel server;
    static ServerCredentials credentials;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        credentials = ClusterCertificates.ensure(new CertificateRepository(db.jdbi()),
                ClusterSecret.generate(Files.createTempDirectory("tls").resolve("secret")),
                ServerIdentity.of(null, "n1", List.of()), NodeClock.system());
        SslContext tls = ServerTls.sslContext(credentials);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterAll
    static void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void handshakesWithTls13AndTls12AndPresentsTheClusterCertificate() throws Exception {
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustingManager()}, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
                s.setEnabledProtocols(new String[] {protocol});
                s.startHandshake();
                assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
                assertThat(s.getSession().getPeerCertificates()[0]).isEqualTo(credentials.certificate());
            }
        }
    }

    @Test
    void refusesTls11AndTls10() throws Exception {
        for (String flag : List.of("-tls1_1", "-tls1")) {
            Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, flag,
                    "-cipher", "DEFAULT@SECLEVEL=0").redirectErrorStream(true).start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(text).isNotZero();
            assertThat(text).doesNotContain("BEGIN CERTIFICATE");
        }
    }

    /** Accepts any server certificate, as the SoftEther client does by default. */
    static final class TrustingManager implements X509TrustManager {
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
