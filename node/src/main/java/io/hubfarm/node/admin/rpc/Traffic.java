package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.protocol.pack.PackBuilder;

/**
 * SoftEther's TRAFFIC block (spec §7.3): eight INT64 counters. hubfarm counts bytes per session
 * (in and out), not broadcast and unicast apart, so its bytes are reported as unicast.
 */
record Traffic(long bytesIn, long bytesOut) {
    static final Traffic NONE = new Traffic(0, 0);

    /** @param prefix "" for a single structure, "Ex." inside list replies */
    void putInto(PackBuilder b, String prefix) {
        b.putInt64(prefix + "Recv.BroadcastBytes", 0)
                .putInt64(prefix + "Recv.BroadcastCount", 0)
                .putInt64(prefix + "Recv.UnicastBytes", bytesIn)
                .putInt64(prefix + "Recv.UnicastCount", 0)
                .putInt64(prefix + "Send.BroadcastBytes", 0)
                .putInt64(prefix + "Send.BroadcastCount", 0)
                .putInt64(prefix + "Send.UnicastBytes", bytesOut)
                .putInt64(prefix + "Send.UnicastCount", 0);
    }
}
