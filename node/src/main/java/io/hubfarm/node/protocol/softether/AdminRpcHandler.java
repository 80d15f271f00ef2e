package io.hubfarm.node.protocol.softether;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.pack.PackFormatException;
import io.hubfarm.node.protocol.pack.PackLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin RPC phase (spec §7.2): each request and each reply is {@code u32 length (BE) || PACK}
 * on the TLS stream, strictly one at a time. Requests are answered in order by the
 * {@link AdminConsole} on the blocking executor; reading pauses while one is being answered, and a
 * peer that piles up more than {@value #MAX_QUEUED} requests, sends a frame over the PACK limit or
 * a PACK that does not decode is disconnected. A logged-in console that sends nothing for
 * {@link #IDLE_TIMEOUT} is closed: SoftEther waits forever, which lets forgotten or half-open admin
 * connections pile up.
 */
public final class AdminRpcHandler extends ChannelInboundHandlerAdapter {
    static final int MAX_QUEUED = 8;
    static final Duration IDLE_TIMEOUT = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(AdminRpcHandler.class);

    private final AdminConsole console;
    private final Executor blocking;
    private final String who;
    private final Duration idleTimeout;
    private ScheduledFuture<?> idle;
    private final Queue<Pack> queued = new ArrayDeque<>();
    private boolean busy;
    private SocketAddress peer;

    private AdminRpcHandler(AdminConsole console, Executor blocking, String who, Duration idleTimeout) {
        this.console = console;
        this.blocking = blocking;
        this.who = who;
        this.idleTimeout = idleTimeout;
    }

    /** Adds the framing and this handler at the end of the pipeline. */
    public static void install(ChannelPipeline pipeline, AdminConsole console, Executor blocking, String who) {
        install(pipeline, console, blocking, who, IDLE_TIMEOUT);
    }

    static void install(ChannelPipeline pipeline, AdminConsole console, Executor blocking, String who,
                        Duration idleTimeout) {
        int maxFrame = PackLimits.ADMIN_RPC.maxTotalBytes();
        pipeline.addLast("admin-frames", new LengthFieldBasedFrameDecoder(maxFrame, 0, 4, 0, 4));
        pipeline.addLast("admin-rpc", new AdminRpcHandler(console, blocking, who, idleTimeout));
    }

    /** A reply as it goes on the wire. */
    static ByteBuf frame(ChannelHandlerContext ctx, Pack reply) {
        byte[] body = reply.encode();
        ByteBuf out = ctx.alloc().buffer(4 + body.length);
        out.writeInt(body.length).writeBytes(body);
        return out;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        peer = ctx.channel().remoteAddress();
        restartIdleTimer(ctx);
    }

    private void restartIdleTimer(ChannelHandlerContext ctx) {
        if (idle != null) {
            idle.cancel(false);
        }
        idle = ctx.executor().schedule(() -> {
            if (!busy) {
                log.info("Admin connection of the {} from {} closed: no request for {} s", who, peer,
                        idleTimeout.toSeconds());
                ctx.close();
            } else {
                restartIdleTimer(ctx); // a call is still being answered
            }
        }, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        Pack request;
        try {
            request = Pack.decode(ByteBufUtil.getBytes(frame), PackLimits.ADMIN_RPC);
        } catch (PackFormatException e) {
            log.info("Admin connection of the {} from {} closed: malformed request PACK: {}", who, peer, e.getMessage());
            ctx.close();
            return;
        } finally {
            frame.release();
        }
        if (queued.size() >= MAX_QUEUED) {
            log.info("Admin connection of the {} from {} closed: more than {} requests without waiting for replies",
                    who, peer, MAX_QUEUED);
            ctx.close();
            return;
        }
        queued.add(request);
        restartIdleTimer(ctx);
        ctx.channel().config().setAutoRead(false);
        next(ctx);
    }

    private void next(ChannelHandlerContext ctx) {
        if (busy) {
            return;
        }
        Pack request = queued.poll();
        if (request == null) {
            ctx.channel().config().setAutoRead(true);
            return;
        }
        busy = true;
        try {
            blocking.execute(() -> {
                Pack reply;
                try {
                    reply = console.call(request);
                } catch (RuntimeException e) {
                    log.error("Admin call of the {} from {} failed: {}", who, peer, e.toString(), e);
                    reply = Pack.builder().putInt("error", SoftEtherError.INTERNAL_ERROR.code()).build();
                }
                Pack answer = reply;
                ctx.executor().execute(() -> {
                    busy = false;
                    if (ctx.channel().isActive()) {
                        ctx.writeAndFlush(frame(ctx, answer));
                        next(ctx);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            log.info("Admin connection of the {} from {} closed: the node is stopping", who, peer);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (idle != null) {
            idle.cancel(false);
        }
        queued.clear();
        console.closed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String why = cause instanceof TooLongFrameException ? "a request over the PACK limit" : cause.toString();
        log.info("Admin connection of the {} from {} closed: {}", who, peer, why);
        ctx.close();
    }
}
