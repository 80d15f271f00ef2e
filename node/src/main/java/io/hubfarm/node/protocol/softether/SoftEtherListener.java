package io.hubfarm.node.protocol.softether;

import io.hubfarm.node.config.HostPort;
import io.hubfarm.node.time.NodeClock;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's SoftEther listeners: TLS, then the HTTP negotiation, then (after a login) the tunnel.
 * Epoll on Linux, NIO elsewhere. Closing stops accepting and closes every open connection, which
 * ends every session.
 */
public final class SoftEtherListener implements AutoCloseable {
    /** Negotiation PACKs are at most 64 KiB on the server side (spec §1.4); the signature is smaller. */
    static final int MAX_HTTP_BODY = 65_536;
    /** System property overriding the number of connection event loops. */
    static final String THREADS_PROPERTY = "hubfarm.vpn.threads";
    private static final Logger log = LoggerFactory.getLogger(SoftEtherListener.class);

    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final SslContext tls;
    private final Transport transport;
    private final ChannelGroup channels = new DefaultChannelGroup("softether", GlobalEventExecutor.INSTANCE);
    private final List<Channel> servers = new ArrayList<>();

    private SoftEtherListener(EventLoopGroup acceptors, EventLoopGroup workers, SslContext tls, Transport transport) {
        this.acceptors = acceptors;
        this.workers = workers;
        this.tls = tls;
        this.transport = transport;
    }

    /**
     * @throws ListenFailedException if an address cannot be bound; nothing stays bound then
     */
    public static SoftEtherListener start(List<HostPort> addresses, SslContext tls, LoginService logins,
                                          AdminLoginService admins, HandshakeLimits limits, Executor blocking,
                                          NodeClock clock) {
        Transport transport = Transport.best();
        EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(workerThreads(), transport.ioHandlers());
        SoftEtherListener listener = new SoftEtherListener(acceptors, workers, tls, transport);
        SecureRandom random = new SecureRandom();
        try {
            for (HostPort address : addresses) {
                int port = address.port();
                ServerBootstrap bootstrap = new ServerBootstrap()
                        .group(acceptors, workers)
                        .channel(transport.serverChannel())
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.SO_KEEPALIVE, true)
                        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                listener.channels.add(ch);
                                ch.pipeline()
                                        .addLast("tls", tls.newHandler(ch.alloc()))
                                        .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                                        .addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_BODY))
                                        .addLast("negotiation", new NegotiationHandler(logins, admins, limits, blocking, clock,
                                                random, port, "http", "http-aggregator"));
                            }
                        });
                InetSocketAddress bindTo = new InetSocketAddress(address.host(), port);
                try {
                    Channel server = bootstrap.bind(bindTo).sync().channel();
                    listener.servers.add(server);
                    log.info("Listening for SoftEther VPN clients on {}", server.localAddress());
                } catch (Exception e) {
                    throw new ListenFailedException("cannot listen on " + address + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
                }
            }
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    /**
     * Event loops for the connections: half the cores (at least one), or {@value #THREADS_PROPERTY}.
     * The rest is for the kernel's network stack, which does about as much work per frame as the node;
     * and fewer loops means fewer hand-overs between threads on a frame's way through a hub, each a
     * wake-up of a sleeping thread (docs/bench.md: one loop on 2 cores gave the lowest latency and the
     * fewest retransmits, the default 2 × cores the worst).
     */
    static int workerThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Integer.getInteger(THREADS_PROPERTY, Math.max(1, cores / 2)));
    }

    /** The bound addresses (useful when a port was 0). */
    public List<InetSocketAddress> localAddresses() {
        return servers.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    /** The event loops the connections run on: a warm-up should run on these very threads. */
    public EventLoopGroup workers() {
        return workers;
    }

    public SslContext tls() {
        return tls;
    }

    public Transport transport() {
        return transport;
    }

    public int openConnections() {
        return channels.size();
    }

    @Override
    public void close() {
        for (Channel server : servers) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
