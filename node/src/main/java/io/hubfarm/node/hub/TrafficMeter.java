package io.hubfarm.node.hub;

import java.util.concurrent.atomic.LongAdder;

/** Lock-free traffic counting: many event-loop threads add at once. */
final class TrafficMeter {
    private final LongAdder receivedBroadcastBytes = new LongAdder();
    private final LongAdder receivedBroadcastFrames = new LongAdder();
    private final LongAdder receivedUnicastBytes = new LongAdder();
    private final LongAdder receivedUnicastFrames = new LongAdder();
    private final LongAdder sentBroadcastBytes = new LongAdder();
    private final LongAdder sentBroadcastFrames = new LongAdder();
    private final LongAdder sentUnicastBytes = new LongAdder();
    private final LongAdder sentUnicastFrames = new LongAdder();

    void received(EthernetFrame frame) {
        if (frame.isGroupDestination()) {
            receivedBroadcastBytes.add(frame.length());
            receivedBroadcastFrames.increment();
        } else {
            receivedUnicastBytes.add(frame.length());
            receivedUnicastFrames.increment();
        }
    }

    void sent(EthernetFrame frame) {
        if (frame.isGroupDestination()) {
            sentBroadcastBytes.add(frame.length());
            sentBroadcastFrames.increment();
        } else {
            sentUnicastBytes.add(frame.length());
            sentUnicastFrames.increment();
        }
    }

    TrafficCounters snapshot() {
        return new TrafficCounters(receivedBroadcastBytes.sum(), receivedBroadcastFrames.sum(),
                receivedUnicastBytes.sum(), receivedUnicastFrames.sum(), sentBroadcastBytes.sum(),
                sentBroadcastFrames.sum(), sentUnicastBytes.sum(), sentUnicastFrames.sum());
    }
}
