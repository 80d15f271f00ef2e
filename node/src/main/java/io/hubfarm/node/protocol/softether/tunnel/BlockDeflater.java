package io.hubfarm.node.protocol.softether.tunnel;

import io.netty.buffer.ByteBuf;
import java.util.zip.Deflater;

/**
 * Compresses one frame into one block the way the real peer does (spec §4.1, §6.1): a complete zlib
 * (RFC 1950) stream at the default level, each frame on its own, exactly what zlib's
 * {@code compress2(..., Z_DEFAULT_COMPRESSION)} makes in Mayaqua/Memory.c {@code Compress}, and what
 * the peer's {@code uncompress} expects.
 *
 * <p>One instance per encoder, so one {@link Deflater} per connection, reused for every frame; not
 * thread-safe; {@link #end()} frees its native memory.
 */
final class BlockDeflater {

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION); // zlib wrapper
    // A frame is at most 1600 bytes and zlib never grows data by more than a few dozen bytes, so the
    // peer's block limit is also a comfortable output bound: anything larger would be refused there.
    private final byte[] output = new byte[TunnelLimits.MAX_BLOCK_SIZE];

    /** Writes {@code u32 size, byte[size]} for the compressed {@code frame} to {@code out}. */
    void writeBlock(byte[] frame, ByteBuf out) {
        deflater.reset();
        deflater.setInput(frame);
        deflater.finish();
        int produced = 0;
        while (!deflater.finished()) {
            if (produced == output.length) {
                throw new IllegalStateException("a frame of " + frame.length + " bytes deflated to more than "
                        + TunnelLimits.MAX_BLOCK_SIZE + " bytes");
            }
            produced += deflater.deflate(output, produced, output.length - produced);
        }
        out.writeInt(produced);
        out.writeBytes(output, 0, produced);
    }

    void end() {
        deflater.end();
    }
}
