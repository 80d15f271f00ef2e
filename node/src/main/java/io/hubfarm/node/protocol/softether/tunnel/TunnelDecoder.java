package io.hubfarm.node.protocol.softether.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the tunnel stream (spec §6.1): emits one {@code byte[]} per accepted Ethernet frame and
 * {@link TunnelKeepAlive#INSTANCE} per keep-alive. Parsing is incremental, so an announced count costs
 * nothing until its blocks arrive. A block or keep-alive over the limits is a
 * {@link TunnelFormatException} and everything after it is discarded; a frame that is too short, too
 * long once inflated, or not valid zlib is dropped and counted, and the stream goes on.
 */
public final class TunnelDecoder extends ByteToMessageDecoder {
    private enum State { COUNT, KEEPALIVE_SIZE, KEEPALIVE_BODY, BLOCK_SIZE, BLOCK_BODY, FAILED }

    private final boolean compressed;
    private final Inflater inflater;
    private final byte[] inflated;
    private State state = State.COUNT;
    private long blocksLeft;
    private int length;
    private long droppedFrames;

    public TunnelDecoder(boolean compressed) {
        this.compressed = compressed;
        this.inflater = compressed ? new Inflater() : null;
        this.inflated = compressed ? new byte[TunnelLimits.MAX_FRAME_SIZE + 1] : null;
    }

    public long droppedFrames() {
        return droppedFrames;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                case COUNT -> {
                    if (in.readableBytes() < 4) {
                        return;
                    }
                    int count = in.readInt();
                    if (count == TunnelLimits.KEEPALIVE_MAGIC) {
                        state = State.KEEPALIVE_SIZE;
                    } else if (count != 0) {
                        blocksLeft = Integer.toUnsignedLong(count);
                        state = State.BLOCK_SIZE;
                    }
                }
                case KEEPALIVE_SIZE -> {
                    if (in.readableBytes() < 4) {
                        return;
                    }
                    long size = in.readUnsignedInt();
                    if (size > TunnelLimits.MAX_KEEPALIVE_SIZE) {
                        throw fail("keep-alive of " + size + " bytes exceeds " + TunnelLimits.MAX_KEEPALIVE_SIZE);
                    }
                    length = (int) size;
                    state = State.KEEPALIVE_BODY;
                }
                case KEEPALIVE_BODY -> {
                    if (in.readableBytes() < length) {
                        return;
                    }
                    in.skipBytes(length);
                    out.add(TunnelKeepAlive.INSTANCE);
                    state = State.COUNT;
                }
                case BLOCK_SIZE -> {
                    if (in.readableBytes() < 4) {
                        return;
                    }
                    long size = in.readUnsignedInt();
                    if (size > TunnelLimits.MAX_BLOCK_SIZE) {
                        throw fail("block of " + size + " bytes exceeds " + TunnelLimits.MAX_BLOCK_SIZE);
                    }
                    length = (int) size;
                    state = State.BLOCK_BODY;
                }
                case BLOCK_BODY -> {
                    if (in.readableBytes() < length) {
                        return;
                    }
                    byte[] block = new byte[length];
                    in.readBytes(block);
                    byte[] frame = compressed ? inflate(block) : block;
                    if (frame == null || frame.length < TunnelLimits.MIN_FRAME_SIZE
                            || frame.length > TunnelLimits.MAX_FRAME_SIZE) {
                        droppedFrames++;
                    } else {
                        out.add(frame);
                    }
                    state = --blocksLeft == 0 ? State.COUNT : State.BLOCK_SIZE;
                }
            }
        }
    }

    /** @return the frame, or null if the block is not a complete zlib stream of at most the frame limit */
    private byte[] inflate(byte[] block) {
        inflater.reset();
        inflater.setInput(block);
        try {
            int n = inflater.inflate(inflated, 0, inflated.length);
            if (!inflater.finished() || n > TunnelLimits.MAX_FRAME_SIZE) {
                return null;
            }
            return java.util.Arrays.copyOf(inflated, n);
        } catch (DataFormatException e) {
            return null;
        }
    }

    private TunnelFormatException fail(String message) {
        state = State.FAILED;
        return new TunnelFormatException(message);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (inflater != null) {
            inflater.end();
        }
    }
}
