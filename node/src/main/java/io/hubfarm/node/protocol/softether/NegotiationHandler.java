package io.hubfarm.node.protocol.softether;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.pack.PackFormatException;
import io.hubfarm.node.protocol.pack.PackLimits;
import io.hubfarm.node.time.NodeClock;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP phase of a SoftEther connection (spec §1.2–1.5, §3): answers the {@code GET /} probe,
 * checks the signature, sends the hello, and passes the client's PACK to the {@link LoginService}.
 * On success it writes the reply, removes the HTTP handlers and gives the channel to the tunnel;
 * on refusal it writes {@code {error:n}} and closes. The connection holds a handshake slot until
 * then, and is closed if it takes longer than the handshake timeout.
 */
public final class NegotiationHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final int MAX_REQUESTS = 30;
    private static final Logger log = LoggerFactory.getLogger(NegotiationHandler.class);
    /** Stands in for a peer without an IP address (an in-memory channel in tests). */
    private static final InetSocketAddress UNKNOWN_PEER = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);

    private enum State { AWAIT_SIGNATURE, AWAIT_LOGIN, LOGGING_IN, REDIRECTED, DONE }

    private final LoginService logins;
    private final AdminLoginService admins;
    private final HandshakeLimits limits;
    private final Executor blocking;
    private final NodeClock clock;
    private final SecureRandom random;
    private final int localPort;
    private final String[] httpHandlerNames;

    private State state = State.AWAIT_SIGNATURE;
    private int requests;
    private byte[] challenge;
    private InetSocketAddress client;
    private boolean holdsSlot;
    private ScheduledFuture<?> deadline;

    /**
     * @param httpHandlerNames the pipeline names of the HTTP codec handlers to remove when the tunnel starts
     */
    public NegotiationHandler(LoginService logins, AdminLoginService admins, HandshakeLimits limits, Executor blocking,
                              NodeClock clock, SecureRandom random, int localPort, String... httpHandlerNames) {
        this.logins = logins;
        this.admins = admins;
        this.limits = limits;
        this.blocking = blocking;
        this.clock = clock;
        this.random = random;
        this.localPort = localPort;
        this.httpHandlerNames = httpHandlerNames.clone();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        client = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address : UNKNOWN_PEER;
        if (!limits.tryAcquire(client.getAddress())) {
            log.warn("Refused connection from {}: too many connections are logging in ({} in progress)",
                    client, limits.inProgress());
            ctx.close();
            return;
        }
        holdsSlot = true;
        deadline = ctx.executor().schedule(() -> {
            log.info("Closed connection from {}: no login within {} s", client, limits.timeout().toSeconds());
            ctx.close();
        }, limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        leaveHandshake();
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            closeWithReason(ctx, "malformed HTTP request: " + request.decoderResult().cause());
            return;
        }
        if (++requests > MAX_REQUESTS) {
            closeWithReason(ctx, "more than " + MAX_REQUESTS + " HTTP requests without a login");
            return;
        }
        String path = request.uri();
        switch (state) {
            case AWAIT_SIGNATURE -> onSignaturePhase(ctx, request, path);
            case AWAIT_LOGIN -> onLoginPhase(ctx, request, path);
            // The redirected client posts one empty PACK before it leaves (spec §5): then close.
            case REDIRECTED -> ctx.close();
            case LOGGING_IN, DONE -> closeWithReason(ctx, "request while a login was in progress");
        }
    }

    private void onSignaturePhase(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (request.method().equals(HttpMethod.GET)) {
            // The client's probe (spec §1.2): only this page convinces it that a VPN server is here.
            ctx.writeAndFlush(SoftEtherHttp.forbidden(path, hostOf(request), localPort, clock.now()));
            return;
        }
        if (!request.method().equals(HttpMethod.POST) || !path.equalsIgnoreCase(ConnectSignature.PATH)) {
            ctx.writeAndFlush(SoftEtherHttp.notFound(clock.now()));
            return;
        }
        if (!ConnectSignature.matches(request.content())) {
            log.debug("Connection from {}: wrong connect signature ({} bytes)", client, request.content().readableBytes());
            ctx.writeAndFlush(SoftEtherHttp.forbidden(path, hostOf(request), localPort, clock.now()));
            return;
        }
        challenge = new byte[Hello.RANDOM_LENGTH];
        random.nextBytes(challenge);
        state = State.AWAIT_LOGIN;
        ctx.writeAndFlush(SoftEtherHttp.pack(Hello.of(challenge).toPack(), clock.now()));
    }

    private void onLoginPhase(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!request.method().equals(HttpMethod.POST) || !path.equalsIgnoreCase(SoftEtherHttp.PACK_PATH)
                || !contentType.toLowerCase(Locale.ROOT).startsWith(SoftEtherHttp.PACK_CONTENT_TYPE)) {
            closeWithReason(ctx, "expected POST " + SoftEtherHttp.PACK_PATH + " with a PACK, got "
                    + request.method() + " " + ClientText.printable(path));
            return;
        }
        Pack pack;
        try {
            pack = Pack.decode(ByteBufUtil.getBytes(request.content()), PackLimits.NEGOTIATION);
        } catch (PackFormatException e) {
            // The client shows 3 (disconnected) for a garbled reply; for a garbled request 4 says why.
            refuse(ctx, new LoginRefusedException(SoftEtherError.PROTOCOL_ERROR, "malformed PACK: " + e.getMessage()));
            return;
        }
        String method = pack.getStr("method", "");
        state = State.LOGGING_IN;
        try {
            switch (method) {
                case "login" -> {
                    LoginRequest login = LoginRequest.fromPack(pack);
                    submit(ctx, () -> logins.login(login, challenge, client), login);
                }
                case "additional_connect" -> {
                    byte[] key = pack.getData("session_key", new byte[0]);
                    if (key.length != Welcome.SESSION_KEY_LENGTH) {
                        throw new LoginRefusedException(SoftEtherError.PROTOCOL_ERROR,
                                "additional_connect with a session key of " + key.length + " bytes");
                    }
                    submit(ctx, () -> logins.additionalConnect(key, client), "additional_connect");
                }
                case "admin" -> {
                    AdminLoginRequest admin = AdminLoginRequest.fromPack(pack);
                    submit(ctx, () -> admins.login(admin, challenge, client), admin);
                }
                default -> throw new LoginRefusedException(SoftEtherError.PROTOCOL_ERROR,
                        "unknown method '" + ClientText.printable(method) + "'");
            }
        } catch (LoginRefusedException e) {
            refuse(ctx, e);
        }
    }

    private void submit(ChannelHandlerContext ctx, java.util.function.Supplier<? extends LoginOutcome> work,
                        Object what) {
        try {
            blocking.execute(() -> {
                LoginOutcome outcome;
                try {
                    outcome = work.get();
                } catch (LoginRefusedException e) {
                    ctx.executor().execute(() -> refuse(ctx, e));
                    return;
                } catch (RuntimeException e) {
                    log.error("Login from {} failed ({}): {}", client, what, e.toString(), e);
                    ctx.executor().execute(() -> refuse(ctx,
                            new LoginRefusedException(SoftEtherError.INTERNAL_ERROR, "internal error: " + e)));
                    return;
                }
                ctx.executor().execute(() -> {
                    switch (outcome) {
                        case TunnelEndpoint endpoint -> startTunnel(ctx, endpoint);
                        case Redirect redirect -> redirect(ctx, redirect);
                        case AdminConsole console -> startAdmin(ctx, console, what);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            refuse(ctx, new LoginRefusedException(SoftEtherError.HUB_IS_BUSY, "node is shutting down"));
        }
    }

    private void startTunnel(ChannelHandlerContext ctx, TunnelEndpoint endpoint) {
        if (!ctx.channel().isActive()) {
            endpoint.abandon();
            return;
        }
        state = State.DONE;
        leaveHandshake();
        ctx.writeAndFlush(SoftEtherHttp.pack(endpoint.reply(), clock.now()));
        for (String name : httpHandlerNames) {
            if (ctx.pipeline().get(name) != null) {
                ctx.pipeline().remove(name);
            }
        }
        ctx.pipeline().remove(this);
        try {
            endpoint.start(ctx.channel());
        } catch (RuntimeException e) {
            log.error("Starting the tunnel for {} failed: {}", client, e.toString(), e);
            endpoint.abandon();
            ctx.channel().close();
        }
    }

    private void startAdmin(ChannelHandlerContext ctx, AdminConsole console, Object what) {
        if (!ctx.channel().isActive()) {
            console.closed();
            return;
        }
        state = State.DONE;
        leaveHandshake();
        ctx.writeAndFlush(SoftEtherHttp.pack(console.reply(), clock.now()));
        for (String name : httpHandlerNames) {
            if (ctx.pipeline().get(name) != null) {
                ctx.pipeline().remove(name);
            }
        }
        ctx.pipeline().remove(this);
        String who = what instanceof AdminLoginRequest r ? r.who() : "administrator";
        AdminRpcHandler.install(ctx.pipeline(), console, blocking, who);
    }

    private void redirect(ChannelHandlerContext ctx, Redirect redirect) {
        if (!ctx.channel().isActive()) {
            return; // the ticket expires unused
        }
        state = State.REDIRECTED;
        log.info("Redirected {} to {}:{} ({})", client, redirect.address().getHostAddress(), redirect.ports(),
                redirect.description());
        // The handshake deadline stays armed: it closes a client that never sends its last PACK.
        ctx.writeAndFlush(SoftEtherHttp.pack(redirect.toPack(), clock.now()));
    }

    private void refuse(ChannelHandlerContext ctx, LoginRefusedException e) {
        state = State.DONE;
        if (e.delay().isPositive()) {
            // A throttled guess: the answer waits, and so does the guesser's handshake slot.
            ctx.executor().schedule(() -> refuseNow(ctx, e), e.delay().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        refuseNow(ctx, e);
    }

    private void refuseNow(ChannelHandlerContext ctx, LoginRefusedException e) {
        log.info("Refused {} from {}: {}", e.error(), client, e.getMessage());
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(SoftEtherHttp.pack(Welcome.error(e.error()), clock.now()))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void closeWithReason(ChannelHandlerContext ctx, String reason) {
        state = State.DONE;
        log.info("Closed connection from {}: {}", client, reason);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("Connection from {} failed during login: {}", client, cause.toString());
        ctx.close();
    }

    private void leaveHandshake() {
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (holdsSlot) {
            holdsSlot = false;
            limits.release(client.getAddress());
        }
    }

    private static String hostOf(FullHttpRequest request) {
        return request.headers().get(HttpHeaderNames.HOST, "");
    }

}
