package io.hubfarm.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's authoritative DNS server on one address, over UDP and TCP, answering from a snapshot in
 * memory. TCP is bounded: at most {@value #MAX_TCP_CONNECTIONS} connections, each closed after
 * {@value #TCP_IDLE_SECONDS} s without a query.
 */
public final class DnsResponder implements AutoCloseable {
    static final int MAX_TCP_CONNECTIONS = 64;
    static final int TCP_IDLE_SECONDS = 10;
    /** Larger than any query a client sends; a longer datagram arrives cut and is dropped as malformed. */
    private static final int UDP_RECEIVE_BUFFER = 4096;
    private static final Logger log = LoggerFactory.getLogger(DnsResponder.class);

    private final EventLoopGroup group;
    private final Channel udp;
    private final Channel tcp;
    private final DnsQueryHandler handler;

    private DnsResponder(EventLoopGroup group, Channel udp, Channel tcp, DnsQueryHandler handler) {
        this.group = group;
        this.udp = udp;
        this.tcp = tcp;
        this.handler = handler;
    }

    /**
     * Binds UDP and TCP on {@code address}.
     *
     * @throws IllegalStateException if either cannot be bound (the port is in use, or below 1024 without the
     *                               capability)
     */
    /** @param nanoTime the node's monotonic clock, for the rate limit */
    public static DnsResponder start(InetSocketAddress address, Supplier<DnsSnapshot> snapshot, LongSupplier nanoTime) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        DnsQueryHandler handler = new DnsQueryHandler(new DnsAnswerer(snapshot), new ResponseRateLimit(nanoTime));
        AtomicInteger tcpConnections = new AtomicInteger();
        try {
            Channel udp = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UDP_RECEIVE_BUFFER))
                    .handler(new ChannelInitializer<NioDatagramChannel>() {
                        @Override
                        protected void initChannel(NioDatagramChannel ch) {
                            ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(), handler);
                        }
                    })
                    .bind(address).sync().channel();
            // Port 0 (tests) lets the system choose: TCP takes the same port as UDP.
            InetSocketAddress tcpAddress = new InetSocketAddress(address.getAddress(),
                    ((InetSocketAddress) udp.localAddress()).getPort());
            Channel tcp = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (tcpConnections.incrementAndGet() > MAX_TCP_CONNECTIONS) {
                                tcpConnections.decrementAndGet();
                                ch.close();
                                return;
                            }
                            ch.closeFuture().addListener(f -> tcpConnections.decrementAndGet());
                            ch.pipeline().addLast(new ReadTimeoutHandler(TCP_IDLE_SECONDS, TimeUnit.SECONDS),
                                    new TcpDnsQueryDecoder(), new TcpDnsResponseEncoder(), handler,
                                    new ChannelInboundHandlerAdapter() {
                                        @Override
                                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                            ctx.close(); // the read timeout
                                        }
                                    });
                        }
                    })
                    .bind(tcpAddress).sync().channel();
            log.info("DNS responder listening on {} (UDP and TCP)", address);
            return new DnsResponder(group, udp, tcp, handler);
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen for DNS on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The UDP address actually bound (the port is chosen by the system when asked for 0). */
    public InetSocketAddress udpAddress() {
        return (InetSocketAddress) udp.localAddress();
    }

    public InetSocketAddress tcpAddress() {
        return (InetSocketAddress) tcp.localAddress();
    }

    /** UDP queries answered truncated because their network was over the rate limit. */
    public long rateLimitedQueries() {
        return handler.limited();
    }

    /** Packets dropped because they did not decode. */
    public long malformedPackets() {
        return handler.malformed();
    }

    @Override
    public void close() {
        udp.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        tcp.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
