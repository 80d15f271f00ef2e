package io.hubfarm.node.hub;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A port that keeps what the hub gave it. */
final class RecordingPort implements HubPort {
    private final String name;
    private final ConcurrentLinkedQueue<EthernetFrame> delivered = new ConcurrentLinkedQueue<>();
    private final AtomicInteger stopNotices = new AtomicInteger();

    RecordingPort(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(EthernetFrame frame) {
        delivered.add(frame);
    }

    @Override
    public void hubStopped() {
        stopNotices.incrementAndGet();
    }

    List<EthernetFrame> delivered() {
        return List.copyOf(delivered);
    }

    /** Returns what was delivered since the last call and forgets it. */
    List<EthernetFrame> take() {
        List<EthernetFrame> taken = List.copyOf(delivered);
        delivered.clear();
        return taken;
    }

    int stopNotices() {
        return stopNotices.get();
    }
}
