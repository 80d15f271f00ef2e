package io.hubfarm.node.hub;

/** One port's attachment to a hub: the port forwards through it and detaches with it. */
public final class HubMember {
    private final VirtualHub hub;
    private final HubPort port;
    final TrafficMeter traffic = new TrafficMeter();
    volatile boolean detached;

    HubMember(VirtualHub hub, HubPort port) {
        this.hub = hub;
        this.port = port;
    }

    public HubPort port() {
        return port;
    }

    /** Switches a frame the port sent: learned, then delivered, flooded or dropped. */
    public void forward(EthernetFrame frame) {
        hub.forward(this, frame);
    }

    /** Leaves the hub; the port's MAC addresses are forgotten. Idempotent. */
    public void detach() {
        hub.detach(this);
    }

    public boolean isDetached() {
        return detached;
    }

    public TrafficCounters counters() {
        return traffic.snapshot();
    }

    void deliver(EthernetFrame frame) {
        traffic.sent(frame);
        port.deliver(frame);
    }
}
