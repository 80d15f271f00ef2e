package io.hubfarm.node.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The listeners' TLS on each engine ({@link ServerTls}): full handshakes per second, measured by
 * {@code openssl s_time -new} (a new session every time, so nothing is resumed), and the throughput of
 * one connection that only receives (256 MiB from a client on the same engine, 16 KiB writes). The
 * server runs on one event loop, as a 2-core node's listeners do. A 2048-bit RSA key, like the
 * cluster's certificate.
 *
 * <p>Not part of the test suite (tag "bench"): {@code scripts/bench-tls}; figures in docs/bench.md.
 * Properties: {@code hubfarm.bench.seconds} (10, per s_time run).
 */
@Tag("bench")
class TlsEngineBench {
    private static final long BYTES = 256L << 20;
    private static final Pattern CONNECTIONS = Pattern.compile("([0-9.]+) connections/user sec");

    @Test
    void handshakesAndThroughputOnBoringSslAndOnTheJdk() throws Exception {
        int seconds = Integer.getInteger("hubfarm.bench.seconds", 10);
        SelfSignedCertificate certificate = new SelfSignedCertificate("bench.invalid", "RSA", 2048);
        ServerCredentials credentials = new ServerCredentials(certificate.cert(), certificate.key(), certificate.cert());
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        EventLoopGroup clientLoops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        StringBuilder report = new StringBuilder("| engine | full handshakes/s (openssl s_time -new, "
                + seconds + " s) | one connection, 256 MiB received |\n|---|---|---|\n");
        try {
            for (SslProvider provider : List.of(SslProvider.OPENSSL, SslProvider.JDK)) {
                SslContext tls = ServerTls.sslContext(credentials, provider);
                AtomicLong received = new AtomicLong();
                Channel server = new ServerBootstrap().group(loops).channel(EpollServerSocketChannel.class)
                        .childHandler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel ch) {
                                ch.pipeline().addLast(tls.newHandler(ch.alloc())).addLast(new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        received.addAndGet(((ByteBuf) msg).readableBytes());
                                        ReferenceCountUtil.release(msg);
                                    }
                                });
                            }
                        }).bind("127.0.0.1", 0).sync().channel();
                int port = ((InetSocketAddress) server.localAddress()).getPort();
                try {
                    double handshakes = handshakesPerSecond(port, seconds);
                    double mbits = throughput(clientLoops, provider, port, received);
                    report.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f Mbit/s |%n", provider, handshakes, mbits));
                } finally {
                    server.close().sync();
                }
            }
        } finally {
            certificate.delete();
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        System.out.println();
        System.out.println(report);
    }

    private static double handshakesPerSecond(int port, int seconds) throws Exception {
        Process p = new ProcessBuilder("openssl", "s_time", "-connect", "127.0.0.1:" + port, "-new",
                "-time", String.valueOf(seconds)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(seconds + 30L, TimeUnit.SECONDS)).isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        Matcher m = CONNECTIONS.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        // s_time divides by its own CPU time; the server's rate is connections over wall time.
        Matcher total = Pattern.compile("(\\d+) connections in (\\d+) real seconds").matcher(text);
        assertThat(total.find()).as(text).isTrue();
        return Double.parseDouble(total.group(1)) / Double.parseDouble(total.group(2));
    }

    private static double throughput(EventLoopGroup loops, SslProvider provider, int port, AtomicLong received)
            throws Exception {
        SslContext client = SslContextBuilder.forClient().sslProvider(provider)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).protocols("TLSv1.3").build();
        Channel channel = new Bootstrap().group(loops).channel(EpollSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(client.newHandler(ch.alloc()));
                    }
                }).connect("127.0.0.1", port).sync().channel();
        ByteBuf chunk = Unpooled.directBuffer(16 * 1024).writeZero(16 * 1024);
        long start = System.nanoTime();
        received.set(0);
        for (long sent = 0; sent < BYTES; sent += chunk.readableBytes()) {
            if (!channel.isWritable()) {
                channel.writeAndFlush(chunk.retainedDuplicate()).sync();
            } else {
                channel.writeAndFlush(chunk.retainedDuplicate(), channel.voidPromise());
            }
        }
        long deadline = start + TimeUnit.MINUTES.toNanos(2);
        while (received.get() < BYTES) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("only " + received.get() + " of " + BYTES + " bytes arrived in 2 minutes");
            }
            Thread.onSpinWait();
        }
        double secondsTaken = (System.nanoTime() - start) / 1e9;
        channel.close().sync();
        chunk.release();
        return BYTES * 8 / secondsTaken / 1e6;
    }
}
