package io.hubfarm.node.hub;

/**
 * Something attached to a virtual hub that sends and receives Ethernet frames: a VPN session today,
 * a local bridge later. The hub knows nothing else about it.
 */
public interface HubPort {

    /** For logs and status output. */
    String name();

    /**
     * The hub hands this port a frame to send out. Called on whichever thread forwarded the frame,
     * from many threads at once, so it must never block: a port keeps its own bounded queue and drops
     * the frame when that queue is full. The frame may be the same instance that other ports are
     * sending at the same moment; read it, never change it (see {@link EthernetFrame}).
     */
    void deliver(EthernetFrame frame);

    /**
     * The queue {@link #deliver} adds to, if this port takes part in back-pressure: when it is above its
     * high-water mark, members sending unicast frames here are asked to pause (see {@link FrameQueue}).
     * Null (the default) for a port that never slows its senders.
     */
    default FrameQueue outbound() {
        return null;
    }

    /**
     * Stop reading frames from the far side until {@link #resumeInput()}: a port this one sends to is
     * congested. Frames already read may still be forwarded. Called from any thread; must not block. A
     * port that pauses must call {@link HubMember#releaseIfStalled()} about {@link FrameQueue#STALL_BOUND}
     * later, so that a port that never drains cannot hold it forever.
     */
    default void pauseInput() {
    }

    /** Read from the far side again. Called from any thread (often the congested port's writer); must not block. */
    default void resumeInput() {
    }

    /**
     * The hub went offline or was deleted and has already detached this port, which should now
     * disconnect itself. Called once, not on a switching thread; it may block briefly but should not
     * wait for the peer.
     */
    void hubStopped();
}
