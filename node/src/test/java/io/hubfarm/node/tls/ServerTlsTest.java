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
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

/** The listeners' TLS on both engines: 1.3 and 1.2 with AEAD suites and the cluster certificate, nothing older or weaker. */
class ServerTlsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static EventLoopGroup group;
    static ServerCredentials credentials;
    /** One listener per engine, so every test checks both. */
    static final Map<SslProvider, Channel> servers = new EnumMap<>(SslProvider.class);

    @BeforeAll
    static void start() throws Exception {
        credentials = ClusterCertificates.ensure(new CertificateRepository(db.jdbi()),
                ClusterSecret.generate(Files.createTempDirectory("tls").resolve("secret")),
                ServerIdentity.of(null, "n1", List.of()), NodeClock.system());
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        for (SslProvider provider : List.of(SslProvider.JDK, SslProvider.OPENSSL)) {
            SslContext tls = ServerTls.sslContext(credentials, provider);
            servers.put(provider, new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                    }).bind("127.0.0.1", 0).sync().channel());
        }
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(s -> s.close().syncUninterruptibly());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static int port(SslProvider provider) {
        return ((InetSocketAddress) servers.get(provider).localAddress()).getPort();
    }

    @Test
    void boringSslLoadsHere() {
        assertThat(OpenSsl.isAvailable()).as("netty-tcnative-boringssl-static: %s", OpenSsl.unavailabilityCause()).isTrue();
        assertThat(ServerTls.provider(ServerTls.Engine.AUTO)).isEqualTo(SslProvider.OPENSSL);
        assertThat(ServerTls.provider(ServerTls.Engine.JDK)).isEqualTo(SslProvider.JDK);
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void handshakesWithTls13AndTls12AndPresentsTheClusterCertificate(SslProvider provider) throws Exception {
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustingManager()}, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port(provider))) {
                s.setEnabledProtocols(new String[] {protocol});
                s.startHandshake();
                assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
                assertThat(s.getSession().getCipherSuite()).matches(".*(_GCM_|_CHACHA20_POLY1305_).*");
                assertThat(s.getSession().getPeerCertificates()[0]).isEqualTo(credentials.certificate());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void refusesTls11AndTls10(SslProvider provider) throws Exception {
        assertThat(openSslClient(provider, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0")).doesNotContain("BEGIN CERTIFICATE");
        assertThat(openSslClient(provider, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0")).doesNotContain("BEGIN CERTIFICATE");
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void refusesTls12SuitesWithoutAead(SslProvider provider) throws Exception {
        assertThat(openSslClient(provider, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256:AES128-SHA:AES256-SHA256"))
                .doesNotContain("BEGIN CERTIFICATE");
    }

    /** openssl s_client against one listener; asserts it failed and returns what it printed. */
    private static String openSslClient(SslProvider provider, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port(provider)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isNotZero();
        return text;
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
