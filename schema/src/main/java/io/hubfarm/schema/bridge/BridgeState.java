package io.hubfarm.schema.bridge;

/** What a node last reported about one of its local bridges. */
public enum BridgeState {
    /** Defined, and the owning node has not reported on it yet (it may be down). */
    PENDING,
    /** Frames flow between the hub and the device. */
    ONLINE,
    /** Not running; the row's error says why, and the node keeps retrying. */
    ERROR
}
