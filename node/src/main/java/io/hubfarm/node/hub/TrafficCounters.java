package io.hubfarm.node.hub;

/**
 * Bytes and frames, split as SoftEther's TRAFFIC block is (spec §7.3). "Received" is what entered
 * the hub from a port, "sent" what the hub delivered to a port; broadcast means a group destination.
 */
public record TrafficCounters(long receivedBroadcastBytes, long receivedBroadcastFrames, long receivedUnicastBytes,
                              long receivedUnicastFrames, long sentBroadcastBytes, long sentBroadcastFrames,
                              long sentUnicastBytes, long sentUnicastFrames) {
    public long receivedBytes() {
        return receivedBroadcastBytes + receivedUnicastBytes;
    }

    public long sentBytes() {
        return sentBroadcastBytes + sentUnicastBytes;
    }

    public long receivedFrames() {
        return receivedBroadcastFrames + receivedUnicastFrames;
    }

    public long sentFrames() {
        return sentBroadcastFrames + sentUnicastFrames;
    }
}
