package io.hubfarm.node.hub;

/** Something attached to a hub that takes frames: a VPN session today, a local bridge later. */
public interface HubPort {
    String name();

    /**
     * A frame for this port. Called from any thread and must never block: a port whose own bounded
     * queue is full drops the frame (and counts it), so one slow port never holds up the hub.
     */
    void deliver(EthernetFrame frame);

    /** The hub went offline or was deleted: the port should disconnect itself. Called once. */
    void hubStopped();
}
