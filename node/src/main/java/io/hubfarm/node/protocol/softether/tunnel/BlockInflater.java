package io.hubfarm.node.protocol.softether.tunnel;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Turns one compressed block back into a frame (spec §4.1 {@code use_compress}, §6.1). The real peer
 * compresses each frame on its own with zlib's {@code compress2} at the default level and expands
 * with {@code uncompress} into a {@code MAX_PACKET_SIZE} buffer (Mayaqua/Memory.c {@code Compress},
 * {@code Uncompress}; Cedar/Connection.c {@code NewBlock}). So a block is one complete RFC 1950
 * stream, and we accept exactly what {@code uncompress} accepts:
 * <ul>
 *   <li>the stream must end, with a correct Adler-32, within {@value TunnelLimits#MAX_FRAME_SIZE}
 *       bytes of output; otherwise {@code uncompress} fails, SoftEther keeps a 0-byte block, and its
 *       hub drops it. Corrupt or truncated data is therefore a dropped frame, not a violation;</li>
 *   <li>bytes after the end of the stream are ignored, as {@code uncompress} ignores them;</li>
 *   <li>a stream that asks for a preset dictionary fails ({@code uncompress} reports Z_DATA_ERROR).</li>
 * </ul>
 * Output goes into a fixed buffer one byte larger than a frame, so a block that would inflate to
 * megabytes (a zip bomb fits in 3200 bytes) costs at most that buffer and a few microseconds.
 *
 * <p>One instance per decoder, so one {@link Inflater} per connection, reused for every block; not
 * thread-safe; {@link #end()} frees its native memory.
 */
final class BlockInflater {

    private final Inflater inflater = new Inflater(); // zlib wrapper (RFC 1950), as uncompress expects
    private final byte[] input = new byte[TunnelLimits.MAX_BLOCK_SIZE];
    private final byte[] output = new byte[TunnelLimits.MAX_FRAME_SIZE + 1];

    /**
     * Reads {@code size} bytes (at most {@link TunnelLimits#MAX_BLOCK_SIZE}) from {@code in} and
     * returns the frame they inflate to, or {@code null} if they are not one zlib stream of at most
     * {@link TunnelLimits#MAX_FRAME_SIZE} bytes.
     */
    byte[] inflate(ByteBuf in, int size) {
        in.readBytes(input, 0, size);
        inflater.reset();
        inflater.setInput(input, 0, size);
        int produced = 0;
        try {
            while (produced < output.length && !inflater.finished()) {
                int n = inflater.inflate(output, produced, output.length - produced);
                if (n == 0 && !inflater.finished()) {
                    // All input is present and there is room, so no progress means the stream is
                    // truncated or wants a dictionary: uncompress fails on both.
                    return null;
                }
                produced += n;
            }
        } catch (DataFormatException corrupt) {
            return null;
        }
        if (!inflater.finished() || produced > TunnelLimits.MAX_FRAME_SIZE) {
            return null;
        }
        return Arrays.copyOf(output, produced);
    }

    void end() {
        inflater.end();
    }
}
