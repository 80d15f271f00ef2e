package io.hubfarm.node.session;

import io.hubfarm.node.hub.HubLimits;
import io.hubfarm.node.hub.VirtualHub;
import io.hubfarm.node.protocol.softether.ConnectionDirection;
import io.hubfarm.node.protocol.softether.NegotiatedOptions;
import io.hubfarm.node.protocol.softether.Transport;
import io.hubfarm.node.protocol.softether.tunnel.KeepAliveSchedule;
import io.hubfarm.node.protocol.softether.tunnel.TunnelBatch;
import io.hubfarm.node.protocol.softether.tunnel.TunnelDecoder;
import io.hubfarm.node.protocol.softether.tunnel.TunnelEncoder;
import io.hubfarm.node.time.NodeClock;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs frames through the real data path once, on loopback, so that the first client finds it loaded
 * and compiled: two TLS connections into two {@link VpnSession}s of a private hub (never in the
 * catalogue, the database or any list), and frames of the sizes a tunnel carries sent both ways, as
 * many as the JIT needs to compile the per-frame path (docs/bench.md, "Data plane: what was found"). A node runs it
 * in the background right after its listeners start; {@code hubfarm warm-up} runs it alone to train
 * the launcher's AOT cache.
 */
public final class DataPathWarmup {
    /** Enough for the per-frame methods to pass the JIT's compile thresholds with room to spare. */
    public static final int DEFAULT_FRAMES = 40_000;
    private static final int FRAMES_PER_BATCH = 2; // what the real client sends in one batch
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(DataPathWarmup.class);

    private DataPathWarmup() {
    }

    /**
     * Sends {@code frames} frames each way between two loopback clients through a private hub.
     *
     * @return how long it took
     * @throws IllegalStateException if the frames did not all arrive within a minute
     */
    public static Duration run(EventLoopGroup workers, Transport transport, SslContext serverTls, NodeClock clock,
                               int frames) throws InterruptedException {
        long start = clock.nanoTime();
        VirtualHub hub = new VirtualHub("warm-up", HubLimits.DEFAULT, clock);
        KeepAliveSchedule keepAlives = new KeepAliveSchedule(ThreadLocalRandom.current());
        List<VpnSession> sessions = new ArrayList<>();
        for (String name : List.of("warm-up-a", "warm-up-b")) {
            sessions.add(new VpnSession(new SessionIdentity(name, 0, hub.name(), name,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "warm-up", "localhost", new byte[20],
                    new NegotiatedOptions(1, false, false, false, NegotiatedOptions.DEFAULT_TIMEOUT_MILLIS)),
                    hub, clock, keepAlives, s -> { }));
        }
        AtomicInteger accepted = new AtomicInteger();
        Channel server = new ServerBootstrap().group(workers).channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        VpnSession session = sessions.get(Math.min(accepted.getAndIncrement(), 1));
                        session.reserveConnection();
                        ch.pipeline().addLast(serverTls.newHandler(ch.alloc()))
                                .addLast(new TunnelDecoder(false))
                                .addLast(new TunnelEncoder(false, ThreadLocalRandom.current()))
                                .addLast(session.newConnection(ConnectionDirection.BOTH));
                    }
                }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        CountDownLatch arrived = new CountDownLatch(2);
        List<Channel> clients = new ArrayList<>();
        try {
            SslContext clientTls = SslContextBuilder.forClient().sslProvider(providerOf(serverTls))
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            for (int i = 0; i < 2; i++) {
                clients.add(connect(workers, transport.clientChannel(), clientTls, server.localAddress(), frames, arrived));
            }
            byte[][] macs = {mac(0xa), mac(0xb)};
            Thread other = Thread.ofPlatform().name("warm-up-b").start(() -> send(clients.get(1), macs[1], macs[0], frames));
            send(clients.get(0), macs[0], macs[1], frames);
            other.join();
            if (!arrived.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the warm-up's frames did not all arrive within " + TIMEOUT);
            }
        } catch (SSLException e) {
            throw new IllegalStateException("warm-up TLS: " + e.getMessage(), e);
        } finally {
            clients.forEach(Channel::close);
            server.close().awaitUninterruptibly();
            sessions.forEach(s -> s.disconnect("warm-up done"));
            hub.stop();
        }
        return Duration.ofNanos(clock.nanoTime() - start);
    }

    /** The client side uses the server's engine, so the warm-up compiles the engine clients will meet. */
    private static SslProvider providerOf(SslContext context) {
        return context instanceof OpenSslContext ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    private static Channel connect(EventLoopGroup workers, Class<? extends Channel> type, SslContext tls,
                                   SocketAddress to, int frames, CountDownLatch arrived)
            throws InterruptedException {
        return new Bootstrap().group(workers).channel(type).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()))
                                .addLast(new TunnelDecoder(false))
                                .addLast(new TunnelEncoder(false, ThreadLocalRandom.current()))
                                .addLast(new ChannelInboundHandlerAdapter() {
                                    private int received;

                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        if (msg instanceof byte[] && ++received == frames) {
                                            arrived.countDown();
                                        }
                                    }
                                });
                    }
                }).connect(to).sync().channel();
    }

    /** Frames of a ping's size and a full segment's, alternating, in the real client's batches. */
    private static void send(Channel channel, byte[] source, byte[] destination, int frames) {
        try {
            for (int sent = 0; sent < frames; sent += FRAMES_PER_BATCH) {
                List<byte[]> batch = new ArrayList<>(FRAMES_PER_BATCH);
                for (int i = 0; i < FRAMES_PER_BATCH && sent + i < frames; i++) {
                    batch.add(frame(source, destination, (sent + i) % 4 == 0 ? 98 : 1_514));
                }
                if (channel.isWritable()) {
                    channel.writeAndFlush(new TunnelBatch(batch), channel.voidPromise());
                } else {
                    channel.writeAndFlush(new TunnelBatch(batch)).sync();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] mac(int last) {
        return new byte[] {0x02, 0, 0, 0, 0, (byte) last};
    }

    private static byte[] frame(byte[] source, byte[] destination, int length) {
        byte[] frame = new byte[length];
        System.arraycopy(destination, 0, frame, 0, 6);
        System.arraycopy(source, 0, frame, 6, 6);
        frame[12] = 0x08; // IPv4
        return frame;
    }

    /** Runs the warm-up and logs the outcome; never throws (a failed warm-up only costs the first client speed). */
    public static void runLogged(EventLoopGroup workers, Transport transport, SslContext serverTls, NodeClock clock) {
        try {
            Duration took = run(workers, transport, serverTls, clock, DEFAULT_FRAMES);
            log.info("Data path warmed up: {} frames each way through a private hub in {} ms", DEFAULT_FRAMES,
                    took.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) { // Netty's sync() rethrows checked causes unchecked, e.g. when the node is stopping
            log.warn("Data path warm-up failed (the first clients will be slower until the JIT catches up): {}",
                    e.toString());
        }
    }
}
