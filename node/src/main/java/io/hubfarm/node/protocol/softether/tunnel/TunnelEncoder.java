package io.hubfarm.node.protocol.softether.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Writes the tunnel stream of one TCP connection (spec §6.1): a {@link TunnelBatch} as its count and
 * blocks, each block deflated when the session uses compression (see {@link BlockDeflater}), and a
 * {@link TunnelKeepAlive} as the keep-alive marker with a random-length random payload.
 *
 * <p>A {@link MessageToByteEncoder} because the output of one message is small (a batch is a few
 * frames of at most {@value TunnelLimits#MAX_FRAME_SIZE} bytes) and goes to TLS next, which wants it
 * contiguous: one pooled buffer per message, filled once, is the cheapest form. Wrapping the frame
 * arrays instead would save one copy of plain frames but hand TLS many tiny buffers, and compressed
 * blocks are written from a scratch array anyway.
 *
 * <p>Keep-alive payloads follow SoftEther's {@code SendKeepAlive} (Cedar/Connection.c): a length
 * uniform in [0, {@value TunnelLimits#MAX_KEEP_ALIVE_SIZE}) ({@code rand() % MAX_KEEPALIVE_SIZE}),
 * filled with random bytes. It is padding that hides nothing secret, inside TLS; any
 * {@link RandomGenerator} will do.
 */
public final class TunnelEncoder extends MessageToByteEncoder<Object> {

    private final BlockDeflater deflater;
    private final RandomGenerator random;
    private final byte[] keepAlivePayload = new byte[TunnelLimits.MAX_KEEP_ALIVE_SIZE];

    /**
     * @param compressed whether the welcome said {@code use_compress}=1 (spec §4.1)
     * @param random     source of keep-alive lengths and payloads
     */
    public TunnelEncoder(boolean compressed, RandomGenerator random) {
        super(Object.class);
        this.deflater = compressed ? new BlockDeflater() : null;
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof TunnelBatch || msg instanceof TunnelKeepAlive;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Object msg, boolean preferDirect) {
        int size = switch (msg) {
            case TunnelBatch batch -> plainSize(batch); // compressed blocks are usually smaller
            default -> 2 * Integer.BYTES + TunnelLimits.MAX_KEEP_ALIVE_SIZE;
        };
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    private static int plainSize(TunnelBatch batch) {
        int size = Integer.BYTES;
        for (byte[] frame : batch.frames()) {
            size += Integer.BYTES + frame.length;
        }
        return size;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        switch (msg) {
            case TunnelBatch batch -> writeBatch(batch, out);
            case TunnelKeepAlive _ -> writeKeepAlive(out);
            default -> throw new IllegalArgumentException("not a tunnel message: " + msg.getClass().getName());
        }
    }

    private void writeBatch(TunnelBatch batch, ByteBuf out) {
        out.writeInt(batch.frames().size());
        for (byte[] frame : batch.frames()) {
            if (deflater != null) {
                deflater.writeBlock(frame, out);
            } else {
                out.writeInt(frame.length);
                out.writeBytes(frame);
            }
        }
    }

    private void writeKeepAlive(ByteBuf out) {
        int size = random.nextInt(TunnelLimits.MAX_KEEP_ALIVE_SIZE);
        random.nextBytes(keepAlivePayload);
        out.writeInt(TunnelKeepAlive.WIRE_MARKER);
        out.writeInt(size);
        out.writeBytes(keepAlivePayload, 0, size);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        if (deflater != null) {
            deflater.end();
        }
        super.handlerRemoved(ctx);
    }
}
