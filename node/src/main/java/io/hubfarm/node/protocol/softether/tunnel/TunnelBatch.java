package io.hubfarm.node.protocol.softether.tunnel;

import java.util.List;

/**
 * Frames written as one tunnel unit: a count and then each frame as a block (spec §6.1). The frames'
 * arrays are not copied; nobody may change them afterwards.
 */
public record TunnelBatch(List<byte[]> frames) {
    public TunnelBatch {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a batch carries at least one frame");
        }
    }
}
