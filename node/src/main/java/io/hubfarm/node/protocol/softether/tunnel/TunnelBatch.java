package io.hubfarm.node.protocol.softether.tunnel;

import java.util.List;
import java.util.Objects;

/**
 * Ethernet frames to send in one tunnel write (spec §6.1: one count, then the blocks). SoftEther
 * batches whatever is queued when its send loop runs; so may we, since a count amortises nothing but
 * four bytes and one TLS record is shared.
 *
 * <p>The frames are the server's own output (hub forwarding or the server's replies), never a
 * peer's raw input, so a frame outside [{@value TunnelLimits#MIN_FRAME_SIZE},
 * {@value TunnelLimits#MAX_FRAME_SIZE}] bytes is a bug in the caller: it fails here, at the place
 * that made it, rather than being sent and silently dropped by the peer. The arrays are not copied;
 * the caller hands them over and must not change them afterwards.
 *
 * @param frames one or more frames, each an Ethernet frame without FCS
 */
public record TunnelBatch(List<byte[]> frames) {

    public TunnelBatch {
        Objects.requireNonNull(frames, "frames");
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a tunnel batch holds at least one frame");
        }
        frames = List.copyOf(frames);
        for (int i = 0; i < frames.size(); i++) {
            int length = frames.get(i).length;
            if (length < TunnelLimits.MIN_FRAME_SIZE || length > TunnelLimits.MAX_FRAME_SIZE) {
                throw new IllegalArgumentException("frame " + i + " of the batch is " + length
                        + " bytes; a tunnel frame is " + TunnelLimits.MIN_FRAME_SIZE + " to "
                        + TunnelLimits.MAX_FRAME_SIZE + " bytes");
            }
        }
    }

    public static TunnelBatch of(byte[]... frames) {
        return new TunnelBatch(List.of(frames));
    }
}
