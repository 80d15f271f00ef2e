package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.protocol.pack.PackBuilder;

/**
 * SoftEther's TRAFFIC block (spec §7.3): eight INT64 counters. hubfarm counts bytes per session
 * (in and out), not broadcast and unicast apart, so its bytes are reported as unicast.
 */
record Traffic(long bytesIn, long bytesOut) {
    static final Traffic NONE = new Traffic(0, 0);
    private static final java.util.List<String> COUNTERS = java.util.List.of("Recv.BroadcastBytes",
            "Recv.BroadcastCount", "Recv.UnicastBytes", "Recv.UnicastCount", "Send.BroadcastBytes",
            "Send.BroadcastCount", "Send.UnicastBytes", "Send.UnicastCount");

    /** The {@code Ex.} arrays of a list reply with {@code rows} rows, all zero. */
    static void putNoneArrays(PackBuilder b, int rows) {
        for (String counter : COUNTERS) {
            b.putInt64Array("Ex." + counter, new long[rows]);
        }
    }

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
