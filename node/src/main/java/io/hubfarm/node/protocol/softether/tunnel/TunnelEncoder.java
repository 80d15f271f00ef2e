package io.hubfarm.node.protocol.softether.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.zip.Deflater;
import java.util.random.RandomGenerator;

/**
 * Writes the tunnel stream (spec §6.1): a {@link TunnelBatch} as a count and one block per frame
 * (each a zlib stream when the session is compressed), a {@link TunnelKeepAlive} as the keep-alive
 * marker with 0–511 random bytes.
 */
public final class TunnelEncoder extends MessageToByteEncoder<Object> {
    private final boolean compressed;
    private final RandomGenerator random;
    private final Deflater deflater;
    private final byte[] deflated;

    public TunnelEncoder(boolean compressed, RandomGenerator random) {
        this.compressed = compressed;
        this.random = random;
        this.deflater = compressed ? new Deflater() : null;
        // zlib's worst case for a 1600-byte frame is a few bytes over; the block limit is 3200.
        this.deflated = compressed ? new byte[TunnelLimits.MAX_BLOCK_SIZE] : null;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof TunnelBatch || msg instanceof TunnelKeepAlive;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        if (msg instanceof TunnelKeepAlive) {
            int size = random.nextInt(TunnelLimits.MAX_KEEPALIVE_SIZE);
            out.writeInt(TunnelLimits.KEEPALIVE_MAGIC).writeInt(size);
            byte[] padding = new byte[size];
            random.nextBytes(padding);
            out.writeBytes(padding);
            return;
        }
        TunnelBatch batch = (TunnelBatch) msg;
        out.writeInt(batch.frames().size());
        for (byte[] frame : batch.frames()) {
            if (frame.length > TunnelLimits.MAX_FRAME_SIZE) {
                throw new IllegalArgumentException("frame of " + frame.length + " bytes exceeds "
                        + TunnelLimits.MAX_FRAME_SIZE + ": the hub never forwards one");
            }
            if (compressed) {
                deflater.reset();
                deflater.setInput(frame);
                deflater.finish();
                int n = deflater.deflate(deflated);
                out.writeInt(n).writeBytes(deflated, 0, n);
            } else {
                out.writeInt(frame.length).writeBytes(frame);
            }
        }
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Object msg, boolean preferDirect) {
        int size = msg instanceof TunnelBatch b ? 4 + b.frames().stream().mapToInt(f -> f.length + 16).sum() : 520;
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        if (deflater != null) {
            deflater.end();
        }
        super.handlerRemoved(ctx);
    }
}
