package io.hubfarm.schema.cluster;

/** Where a node is in its life, as the cluster sees it. */
public enum NodeState {
    /** Registered, not yet serving. */
    STARTING,
    /** Serving and heartbeating. */
    ONLINE,
    /** Serving its sessions but taking no new ones. */
    DRAINING,
    /** Stopped cleanly. */
    OFFLINE,
    /** Declared dead by the controller: its heartbeat stopped. */
    DEAD;

    public boolean isRunning() {
        return this == STARTING || this == ONLINE || this == DRAINING;
    }
}
