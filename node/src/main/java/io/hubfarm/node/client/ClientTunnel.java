package io.hubfarm.node.client;

import io.hubfarm.node.protocol.softether.ConnectionDirection;
import io.hubfarm.node.protocol.softether.tunnel.KeepAliveSchedule;
import io.hubfarm.node.protocol.softether.tunnel.TunnelKeepAlive;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection in the tunnel phase: hands received frames to the client and sends
 * keep-alives on the spec's schedule (§6.2), as the real client does, so a server's receive
 * timeout never fires on a quiet session.
 */
final class ClientTunnel extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClientTunnel.class);
    private final SoftEtherClient client;
    private final ConnectionDirection direction;
    private final KeepAliveSchedule keepAlives;
    private final int timeoutMillis;
    private ScheduledFuture<?> keepAliveTask;

    ClientTunnel(SoftEtherClient client, ConnectionDirection direction, KeepAliveSchedule keepAlives, int timeoutMillis) {
        this.client = client;
        this.direction = direction;
        this.keepAlives = keepAlives;
        this.timeoutMillis = timeoutMillis;
    }

    ConnectionDirection direction() {
        return direction;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (direction != ConnectionDirection.SERVER_TO_CLIENT) {
            // Later, not now: this handler is added while the HTTP codec is still being taken out.
            ctx.executor().execute(() -> sendKeepAlive(ctx));
        }
    }

    private void sendKeepAlive(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(TunnelKeepAlive.INSTANCE, ctx.voidPromise());
        keepAliveTask = ctx.executor().schedule(() -> sendKeepAlive(ctx), keepAlives.nextDelayMillis(timeoutMillis),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof byte[] frame) {
            client.received(frame);
        } else if (msg instanceof TunnelKeepAlive) {
            client.keepAliveReceived();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (keepAliveTask != null) {
            keepAliveTask.cancel(false);
        }
        client.connectionClosed(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("Client connection to {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
