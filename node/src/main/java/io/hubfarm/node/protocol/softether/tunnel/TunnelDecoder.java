package io.hubfarm.node.protocol.softether.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Reads the tunnel stream of one TCP connection (spec §6.1) and emits, in order, one {@code byte[]}
 * per accepted Ethernet frame and {@link TunnelKeepAlive#INSTANCE} per keep-alive.
 *
 * <p>It follows SoftEther 5.01's receive state machine (Cedar/Connection.c, {@code ConnectionReceive},
 * modes 0–4), which reads one field at a time and so has no notion of a whole batch:
 * <ul>
 *   <li>the count is only how many blocks are still expected. SoftEther puts no bound on it and
 *       neither do we, but nothing is allocated for it: a hostile count costs the peer nothing more
 *       than a long stream. A count of 0 is a legal no-op;</li>
 *   <li>a block length over {@value TunnelLimits#MAX_BLOCK_SIZE} or a keep-alive length over
 *       {@value TunnelLimits#MAX_KEEP_ALIVE_SIZE} is a {@link TunnelFormatException}; SoftEther
 *       disconnects that TCP connection;</li>
 *   <li>a block that does not make a frame is dropped and counted ({@link #droppedFrames()}), and the
 *       stream goes on: a 0-length block (SoftEther skips it), a frame over
 *       {@value TunnelLimits#MAX_FRAME_SIZE} bytes (plain, or after inflating), a compressed block
 *       that is not a valid zlib stream, and a frame under {@value TunnelLimits#MIN_FRAME_SIZE} bytes
 *       (SoftEther's hub drops those). See {@link BlockInflater} for the zlib details.</li>
 * </ul>
 * Memory is bounded by what a block may claim: we wait for a whole block (at most
 * {@value TunnelLimits#MAX_BLOCK_SIZE} bytes) before reading it, and skip keep-alive payloads as they
 * arrive. After a violation all further input is discarded unread.
 */
public final class TunnelDecoder extends ByteToMessageDecoder {

    private enum State { COUNT, BLOCK_SIZE, BLOCK_BODY, KEEP_ALIVE_SIZE, KEEP_ALIVE_BODY, FAILED }

    private final BlockInflater inflater;
    private State state = State.COUNT;
    private long blocksLeft;   // of the current batch, an unsigned u32
    private int blockSize;     // of the block being read
    private int keepAliveLeft; // payload bytes still to skip

    // Written only by the channel's event loop; volatile so statistics may read it from elsewhere.
    private volatile long droppedFrames;

    /** @param compressed whether the welcome said {@code use_compress}=1 (spec §4.1) */
    public TunnelDecoder(boolean compressed) {
        this.inflater = compressed ? new BlockInflater() : null;
    }

    /** Blocks received that did not become a frame (see the class comment), since the start. */
    public long droppedFrames() {
        return droppedFrames;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case COUNT -> {
                    if (in.readableBytes() < Integer.BYTES) {
                        return;
                    }
                    int count = in.readInt();
                    if (count == TunnelKeepAlive.WIRE_MARKER) {
                        state = State.KEEP_ALIVE_SIZE;
                    } else if (count != 0) {
                        blocksLeft = Integer.toUnsignedLong(count);
                        state = State.BLOCK_SIZE;
                    }
                }
                case BLOCK_SIZE -> {
                    if (in.readableBytes() < Integer.BYTES) {
                        return;
                    }
                    long size = in.readUnsignedInt();
                    if (size > TunnelLimits.MAX_BLOCK_SIZE) {
                        throw fail(in, "block of " + size + " bytes exceeds " + TunnelLimits.MAX_BLOCK_SIZE);
                    }
                    blockSize = (int) size;
                    if (blockSize == 0) {
                        droppedFrames++;
                        endBlock();
                    } else {
                        state = State.BLOCK_BODY;
                    }
                }
                case BLOCK_BODY -> {
                    if (in.readableBytes() < blockSize) {
                        return;
                    }
                    byte[] frame = readFrame(in, blockSize);
                    if (frame == null) {
                        droppedFrames++;
                    } else {
                        out.add(frame);
                    }
                    endBlock();
                }
                case KEEP_ALIVE_SIZE -> {
                    if (in.readableBytes() < Integer.BYTES) {
                        return;
                    }
                    long size = in.readUnsignedInt();
                    if (size > TunnelLimits.MAX_KEEP_ALIVE_SIZE) {
                        throw fail(in, "keep-alive of " + size + " bytes exceeds " + TunnelLimits.MAX_KEEP_ALIVE_SIZE);
                    }
                    keepAliveLeft = (int) size;
                    state = State.KEEP_ALIVE_BODY;
                }
                case KEEP_ALIVE_BODY -> {
                    int skipped = Math.min(in.readableBytes(), keepAliveLeft);
                    in.skipBytes(skipped);
                    keepAliveLeft -= skipped;
                    if (keepAliveLeft > 0) {
                        return;
                    }
                    out.add(TunnelKeepAlive.INSTANCE);
                    state = State.COUNT;
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    /** The frame in the next {@code size} bytes, which are consumed either way, or null to drop it. */
    private byte[] readFrame(ByteBuf in, int size) {
        if (inflater != null) {
            byte[] frame = inflater.inflate(in, size);
            return frame == null || frame.length < TunnelLimits.MIN_FRAME_SIZE ? null : frame;
        }
        if (size < TunnelLimits.MIN_FRAME_SIZE || size > TunnelLimits.MAX_FRAME_SIZE) {
            in.skipBytes(size);
            return null;
        }
        byte[] frame = new byte[size];
        in.readBytes(frame);
        return frame;
    }

    private void endBlock() {
        blocksLeft--;
        state = blocksLeft == 0 ? State.COUNT : State.BLOCK_SIZE;
    }

    private TunnelFormatException fail(ByteBuf in, String what) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        return new TunnelFormatException(what);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (inflater != null) {
            inflater.end();
        }
    }
}
