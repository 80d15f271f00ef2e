package io.hubfarm.node.session;

import io.hubfarm.node.hub.EthernetFrame;
import io.hubfarm.node.hub.FrameQueue;
import io.hubfarm.node.protocol.softether.ConnectionDirection;
import io.hubfarm.node.protocol.softether.tunnel.KeepAliveSchedule;
import io.hubfarm.node.protocol.softether.tunnel.TunnelBatch;
import io.hubfarm.node.protocol.softether.tunnel.TunnelKeepAlive;
import io.hubfarm.node.time.NodeClock;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection of a session in the tunnel phase (spec §6): frames it receives go to the
 * session; frames the session queued go out in batches while the socket can take them; keep-alives
 * go out when nothing else was sent for a random part of the timeout, and a connection that
 * received nothing for the whole timeout is closed.
 */
final class TunnelConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TunnelConnection.class);
    /** Frames per batch: the real client sends 1–2, but writing more at once saves TLS records. */
    static final int MAX_BATCH_FRAMES = 64;
    static final int MAX_BATCH_BYTES = 64 * 1024;

    private final VpnSession session;
    private final ConnectionDirection direction;
    private final NodeClock clock;
    private final KeepAliveSchedule keepAlives;
    private final int timeoutMillis;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private volatile ChannelHandlerContext ctx;
    private volatile boolean autoRead = true;
    private long lastSendNanos;
    private long lastReceiveNanos;
    private ScheduledFuture<?> keepAliveTask;
    private ScheduledFuture<?> receiveTimeoutTask;

    TunnelConnection(VpnSession session, ConnectionDirection direction, NodeClock clock, KeepAliveSchedule keepAlives,
                     int timeoutMillis) {
        this.session = session;
        this.direction = direction;
        this.clock = clock;
        this.keepAlives = keepAlives;
        this.timeoutMillis = timeoutMillis;
    }

    ConnectionDirection direction() {
        return direction;
    }

    boolean isWritable() {
        ChannelHandlerContext c = ctx;
        return c != null && c.channel().isWritable();
    }

    /** Stops or restarts reading from the client (back-pressure); safe from any thread, before or after the channel is set. */
    void setAutoRead(boolean on) {
        autoRead = on;
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.channel().config().setAutoRead(on);
        }
    }

    void close() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (!autoRead) {
            ctx.channel().config().setAutoRead(false);
        }
        long now = clock.nanoTime();
        lastReceiveNanos = now;
        lastSendNanos = now;
        if (direction.serverSends()) {
            sendKeepAlive(); // spec §6.2: right after the welcome
        }
        if (direction.serverReceives()) {
            armReceiveTimeout(timeoutMillis);
        }
        if (!ctx.channel().isActive()) {
            session.connectionClosed(this);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReceiveNanos = clock.nanoTime();
        if (msg instanceof byte[] frame) {
            session.receive(frame, ctx.executor());
        }
        // Keep-alives only prove the peer is there, which lastReceiveNanos already recorded.
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            requestDrain();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimers();
        session.connectionClosed(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("Session {}: closing a connection from {}: {}", session.name(), ctx.channel().remoteAddress(),
                cause.getMessage() == null ? cause.toString() : cause.getMessage());
        ctx.close();
    }

    /** Asks this connection's event loop to send what the session has queued; cheap when already asked. */
    void requestDrain() {
        ChannelHandlerContext c = ctx;
        if (c != null && drainScheduled.compareAndSet(false, true)) {
            c.executor().execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        ChannelHandlerContext c = ctx;
        if (c == null || !c.channel().isActive()) {
            return;
        }
        FrameQueue queue = session.outbound();
        boolean wrote = false;
        while (c.channel().isWritable()) {
            List<byte[]> batch = null;
            int bytes = 0;
            EthernetFrame frame;
            while (bytes < MAX_BATCH_BYTES && (batch == null || batch.size() < MAX_BATCH_FRAMES)
                    && (frame = queue.poll()) != null) {
                if (batch == null) {
                    batch = new ArrayList<>(8);
                }
                batch.add(frame.bytes());
                bytes += frame.length();
            }
            if (batch == null) {
                break;
            }
            c.write(new TunnelBatch(batch), c.voidPromise());
            session.countSent(bytes);
            wrote = true;
        }
        if (wrote) {
            lastSendNanos = clock.nanoTime();
            c.flush();
        }
    }

    private void sendKeepAlive() {
        ChannelHandlerContext c = ctx;
        if (c == null || !c.channel().isActive()) {
            return;
        }
        c.writeAndFlush(TunnelKeepAlive.INSTANCE, c.voidPromise());
        lastSendNanos = clock.nanoTime();
        armKeepAlive(keepAlives.nextDelayMillis(timeoutMillis));
    }

    /** Spec §6.2: a keep-alive is due a random part of the timeout after the last send of any kind. */
    private void armKeepAlive(long delayMillis) {
        long wait = Math.max(0, delayMillis - clock.millisSince(lastSendNanos));
        keepAliveTask = ctx.executor().schedule(() -> {
            if (clock.millisSince(lastSendNanos) >= delayMillis) {
                sendKeepAlive();
            } else {
                armKeepAlive(delayMillis);
            }
        }, wait, TimeUnit.MILLISECONDS);
    }

    private void armReceiveTimeout(long delayMillis) {
        receiveTimeoutTask = ctx.executor().schedule(() -> {
            long silent = clock.millisSince(lastReceiveNanos);
            if (silent >= timeoutMillis) {
                log.info("Session {}: connection from {} received nothing for {} ms; closing it", session.name(),
                        ctx.channel().remoteAddress(), silent);
                ctx.close();
            } else {
                armReceiveTimeout(timeoutMillis - silent);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void cancelTimers() {
        if (keepAliveTask != null) {
            keepAliveTask.cancel(false);
        }
        if (receiveTimeoutTask != null) {
            receiveTimeoutTask.cancel(false);
        }
    }
}
