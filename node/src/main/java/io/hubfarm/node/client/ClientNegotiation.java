package io.hubfarm.node.client;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.pack.PackLimits;
import io.hubfarm.node.protocol.softether.SoftEtherHttp;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The client's side of the HTTP phase (spec §1.3–1.5, §4): posts the signature and PACKs, one at a
 * time, and reads the server's PACK replies. When a reply opens the tunnel, {@link #tunnelFrom}'s
 * function installs the tunnel handlers right there on the event loop, before any byte after the
 * reply is decoded as HTTP (the server's first keep-alive follows its welcome immediately).
 */
final class ClientNegotiation extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final String host;
    private CompletableFuture<Pack> pending;
    private Function<Pack, ChannelHandler[]> tunnel;

    ClientNegotiation(String host) {
        this.host = host;
    }

    CompletableFuture<Pack> postSignature(ChannelHandlerContext ctx) {
        return post(ctx, "/vpnsvc/connect.cgi", "image/jpeg", "VPNCONNECT".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Posts a PACK; if the reply has no error, {@code tunnel} gives the handlers that replace HTTP on
     * this connection (decoder, encoder, tunnel handler, in that order).
     */
    /** Posts a PACK whose reply does not matter (the goodbye after a redirect). */
    void postLast(ChannelHandlerContext ctx, Pack pack) {
        this.tunnel = null;
        post(ctx, SoftEtherHttp.PACK_PATH, SoftEtherHttp.PACK_CONTENT_TYPE, pack.encode());
    }

    CompletableFuture<Pack> postPack(ChannelHandlerContext ctx, Pack pack, Function<Pack, ChannelHandler[]> tunnel) {
        this.tunnel = tunnel;
        return post(ctx, SoftEtherHttp.PACK_PATH, SoftEtherHttp.PACK_CONTENT_TYPE, pack.encode());
    }

    private CompletableFuture<Pack> post(ChannelHandlerContext ctx, String path, String contentType, byte[] body) {
        CompletableFuture<Pack> reply = new CompletableFuture<>();
        ctx.executor().execute(() -> {
            pending = reply;
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                    Unpooled.wrappedBuffer(body));
            request.headers().set(HttpHeaderNames.HOST, host)
                    .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(request).addListener(f -> {
                if (!f.isSuccess()) {
                    reply.completeExceptionally(f.cause());
                }
            });
        });
        return reply;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        CompletableFuture<Pack> reply = pending;
        pending = null;
        if (reply == null) {
            ctx.close();
            return;
        }
        if (response.status().code() != 200) {
            reply.completeExceptionally(new SoftEtherClientException(2,
                    "server answered HTTP " + response.status() + ": not a VPN server"));
            ctx.close();
            return;
        }
        Pack pack;
        try {
            pack = Pack.decode(ByteBufUtil.getBytes(response.content()), PackLimits.NEGOTIATION);
        } catch (RuntimeException e) {
            reply.completeExceptionally(new SoftEtherClientException("garbled reply from the server", e));
            ctx.close();
            return;
        }
        if (tunnel != null && pack.getInt("error", 0) == 0 && pack.getInt("Redirect", 0) != 1) {
            ChannelHandler[] handlers = tunnel.apply(pack);
            String after = "http";
            for (int i = 0; i < handlers.length; i++) {
                String name = "tunnel-" + i;
                ctx.pipeline().addAfter(after, name, handlers[i]);
                after = name;
            }
            ctx.pipeline().remove("http-aggregator");
            ctx.pipeline().remove(this);
            ctx.pipeline().remove("http"); // hands any bytes after the reply to the tunnel decoder
        }
        reply.complete(pack);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        CompletableFuture<Pack> reply = pending;
        if (reply != null) {
            reply.completeExceptionally(new SoftEtherClientException(3, "the server closed the connection"));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        CompletableFuture<Pack> reply = pending;
        if (reply != null) {
            reply.completeExceptionally(new SoftEtherClientException("connection failed: " + cause.getMessage(), cause));
        }
        ctx.close();
    }
}
