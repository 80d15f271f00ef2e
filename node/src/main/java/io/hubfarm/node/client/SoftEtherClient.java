package io.hubfarm.node.client;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.pack.PackBuilder;
import io.hubfarm.node.protocol.softether.ConnectionDirection;
import io.hubfarm.node.protocol.softether.Hello;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.node.protocol.softether.tunnel.KeepAliveSchedule;
import io.hubfarm.node.protocol.softether.tunnel.TunnelBatch;
import io.hubfarm.node.protocol.softether.tunnel.TunnelDecoder;
import io.hubfarm.node.protocol.softether.tunnel.TunnelEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * A SoftEther VPN protocol client (hello, password/anonymous/ticket login, additional connections,
 * tunnel framing, keep-alives), for tests where the real client is not the point and for load tools.
 * Like the real client it does not verify the server's certificate by default, but it requires every
 * connection of a session to present the same one (spec §1.1).
 *
 * <p>Blocking API: {@link #connect} returns once the session is established or throws with the
 * server's error code.
 */
public final class SoftEtherClient implements AutoCloseable {
    static final int RECEIVE_QUEUE = 10_000;
    static final int MAX_REDIRECTS = 3;
    private static final String CLIENT_STRING = "hubfarm test client";

    private final ClientOptions options;
    private final EventLoopGroup group;
    private final SslContext tls;
    private final List<Channel> connections = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>(RECEIVE_QUEUE);
    private final AtomicLong keepAlives = new AtomicLong();
    private final AtomicLong droppedOnReceive = new AtomicLong();
    private final AtomicInteger nextSender = new AtomicInteger();
    private final KeepAliveSchedule keepAliveSchedule = new KeepAliveSchedule(ThreadLocalRandom.current());
    private Pack welcome;
    private Certificate serverCertificate;
    private String sessionHost;
    private int sessionPort;
    private int redirects;

    private SoftEtherClient(ClientOptions options) {
        this.options = options;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            this.tls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .protocols("TLSv1.3", "TLSv1.2").build();
        } catch (SSLException e) {
            group.shutdownGracefully();
            throw new SoftEtherClientException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Connects and logs in; the session has one connection until {@link #addConnections()}. */
    public static SoftEtherClient connect(ClientOptions options) {
        SoftEtherClient client = new SoftEtherClient(options);
        try {
            client.login();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private void login() {
        String host = options.host();
        int port = options.port();
        ClientCredentials credentials = options.credentials();
        for (; ; ) {
            Pack reply = loginOnce(host, port, credentials);
            if (reply.getInt("Redirect", 0) != 1) {
                welcome = reply;
                sessionHost = host;
                sessionPort = port;
                return;
            }
            if (++redirects > MAX_REDIRECTS) {
                throw new SoftEtherClientException(SoftEtherError.PROTOCOL_ERROR.code(),
                        "redirected more than " + MAX_REDIRECTS + " times");
            }
            // As the real client (spec §5): the same port if the target offers it, else its first.
            int[] ports = reply.getIntArray("Port");
            java.net.InetAddress ip = reply.getIp("Ip", null);
            byte[] ticket = reply.getData("Ticket", new byte[0]);
            if (ip == null || ports.length == 0 || ticket.length != 20) {
                throw new SoftEtherClientException(SoftEtherError.PROTOCOL_ERROR.code(), "incomplete redirect " + reply);
            }
            int current = port;
            port = java.util.Arrays.stream(ports).anyMatch(p -> p == current) ? current : ports[0];
            host = ip.getHostAddress();
            credentials = ClientCredentials.ticket(ticket);
        }
    }

    private Pack loginOnce(String host, int port, ClientCredentials credentials) {
        return open(host, port, challenge -> {
            PackBuilder b = Pack.builder().putStr("method", "login").putStr("hubname", options.hub())
                    .putStr("username", options.user()).putStr("client_str", CLIENT_STRING)
                    .putInt("client_ver", Hello.VERSION).putInt("client_build", Hello.BUILD).putInt("protocol", 0)
                    .putInt("max_connection", options.maxConnection()).putInt("use_encrypt", 1)
                    .putInt("use_compress", options.compress() ? 1 : 0)
                    .putInt("half_connection", options.halfConnection() ? 1 : 0).putInt("qos", options.qos() ? 1 : 0);
            credentials.addTo(b, options.user(), challenge);
            return b.build();
        }, true);
    }

    /** Opens additional connections until the session has as many as the server granted. */
    public int addConnections() {
        while (connections.size() < maxConnection()) {
            byte[] key = sessionKey();
            open(sessionHost, sessionPort, challenge -> Pack.builder().putStr("method", "additional_connect").putData("session_key", key)
                    .putStr("client_str", CLIENT_STRING).putInt("client_ver", Hello.VERSION)
                    .putInt("client_build", Hello.BUILD).build(), false);
        }
        return connections.size();
    }

    private Pack open(String host, int port, Function<byte[], Pack> request, boolean first) {
        ClientNegotiation negotiation = new ClientNegotiation(host);
        io.netty.channel.ChannelFuture connecting = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), host, port))
                                .addLast("http", new HttpClientCodec())
                                .addLast("http-aggregator", new HttpObjectAggregator(1 << 20))
                                .addLast("negotiation", negotiation);
                    }
                })
                .connect(host, port).awaitUninterruptibly();
        if (!connecting.isSuccess()) {
            connecting.channel().close();
            throw new SoftEtherClientException("cannot connect to " + host + ":" + port + ": "
                    + connecting.cause().getMessage(), connecting.cause());
        }
        Channel channel = connecting.channel();
        try {
            SslHandler ssl = channel.pipeline().get(SslHandler.class);
            await(ssl.handshakeFuture());
            Certificate presented;
            try {
                presented = ssl.engine().getSession().getPeerCertificates()[0];
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                // The real client gives up the same way: a VPN server always presents a certificate.
                throw new SoftEtherClientException(2, "the server presented no certificate");
            }
            if (first) {
                serverCertificate = presented;
            } else if (!presented.equals(serverCertificate)) {
                throw new SoftEtherClientException(2, "additional connection presented another certificate");
            }
            ChannelHandlerContext ctx = channel.pipeline().context(negotiation);
            Pack hello = await(negotiation.postSignature(ctx));
            checkError(hello);
            byte[] challenge = Hello.fromPack(hello).random();
            Pack reply = await(negotiation.postPack(ctx, request.apply(challenge), r -> tunnelHandlers(r, first)));
            checkError(reply);
            if (first && reply.getInt("Redirect", 0) == 1) {
                negotiation.postLast(ctx, Pack.builder().build());
                channel.close();
                return reply;
            }
            connections.add(channel);
            return reply;
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private ChannelHandler[] tunnelHandlers(Pack reply, boolean first) {
        boolean compress = (first ? reply : welcome).getInt("use_compress", 0) == 1;
        int timeout = (first ? reply : welcome).getInt("timeout", 20_000);
        ConnectionDirection direction = first
                ? ((first ? reply : welcome).getInt("half_connection", 0) == 1 ? ConnectionDirection.CLIENT_TO_SERVER
                        : ConnectionDirection.BOTH)
                : direction(reply.getInt("direction", 0));
        return new ChannelHandler[] {new TunnelDecoder(compress), new TunnelEncoder(compress, ThreadLocalRandom.current()),
                new ClientTunnel(this, direction, keepAliveSchedule, timeout)};
    }

    private static ConnectionDirection direction(int code) {
        for (ConnectionDirection d : ConnectionDirection.values()) {
            if (d.code() == code) {
                return d;
            }
        }
        throw new SoftEtherClientException(SoftEtherError.PROTOCOL_ERROR.code(), "unknown direction " + code);
    }

    private static void checkError(Pack pack) {
        int error = pack.getInt("error", 0);
        if (error != 0) {
            throw new SoftEtherClientException(error, "the server refused with error " + error);
        }
    }

    private <T> T await(java.util.concurrent.Future<T> future) {
        try {
            return future.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SoftEtherClientException s) {
                throw s;
            }
            throw new SoftEtherClientException("connection failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new SoftEtherClientException("no answer within " + options.connectTimeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SoftEtherClientException("interrupted", e);
        }
    }

    public String sessionName() {
        return welcome.getStr("session_name", "");
    }

    /** The node the session is on (where the last redirect, if any, sent it), as host:port. */
    public String sessionServer() {
        return sessionHost + ":" + sessionPort;
    }

    /** How many redirects the login followed. */
    public int redirects() {
        return redirects;
    }

    public int maxConnection() {
        return welcome.getInt("max_connection", 1);
    }

    public boolean compressed() {
        return welcome.getInt("use_compress", 0) == 1;
    }

    public Pack welcome() {
        return welcome;
    }

    byte[] sessionKey() {
        return welcome.getData("session_key", new byte[0]);
    }

    public int connectionCount() {
        return connections.size();
    }

    public long keepAlivesReceived() {
        return keepAlives.get();
    }

    /** Sends one Ethernet frame on one of the session's client-to-server connections. */
    public void send(byte[] frame) {
        List<Channel> open = connections;
        if (open.isEmpty()) {
            throw new SoftEtherClientException(SoftEtherError.SESSION_TIMEOUT.code(), "the session has no connection");
        }
        for (int i = 0; i < open.size(); i++) {
            Channel c = open.get(Math.floorMod(nextSender.getAndIncrement(), open.size()));
            ClientTunnel t = c.pipeline().get(ClientTunnel.class);
            if (t != null && t.direction() != ConnectionDirection.SERVER_TO_CLIENT) {
                c.writeAndFlush(new TunnelBatch(List.of(frame)), c.voidPromise());
                return;
            }
        }
        throw new SoftEtherClientException(SoftEtherError.SESSION_TIMEOUT.code(), "no connection can send");
    }

    /** The next frame the hub sent this session, or null if none came within the timeout. */
    public byte[] receive(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops reading from the server (a client that has stalled); for tests of the server's back-pressure. */
    public void pauseReading() {
        for (Channel c : connections) {
            c.config().setAutoRead(false);
        }
    }

    /** Reads from the server again after {@link #pauseReading()}. */
    public void resumeReading() {
        for (Channel c : connections) {
            c.config().setAutoRead(true);
        }
    }

    /**
     * True while no connection that can send takes more data: the server stopped reading and the TCP
     * window closed, so frames wait in this client. For tests of the server's back-pressure.
     */
    public boolean sendBlocked() {
        return connections.stream().filter(c -> {
            ClientTunnel t = c.pipeline().get(ClientTunnel.class);
            return t != null && t.direction() != ConnectionDirection.SERVER_TO_CLIENT;
        }).noneMatch(Channel::isWritable);
    }

    public boolean isConnected() {
        return !connections.isEmpty();
    }

    void received(byte[] frame) {
        if (!received.offer(frame)) {
            droppedOnReceive.incrementAndGet();
        }
    }

    void keepAliveReceived() {
        keepAlives.incrementAndGet();
    }

    void connectionClosed(Channel channel) {
        connections.remove(channel);
    }

    @Override
    public void close() {
        for (Channel c : connections) {
            c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
