package io.hubfarm.node.hub;

import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind a {@link TrafficCounters} snapshot: frames entering the hub (sent by a
 * port) and frames leaving it (delivered to a port). Many switching threads add at once, so each
 * counter is a {@link LongAdder}: no lock, no lost update, no allocation once its cells exist. A
 * snapshot taken while frames move may mix counters from slightly different moments; at rest it is
 * exact.
 */
final class TrafficMeter {
    private final LongAdder enteringBroadcastBytes = new LongAdder();
    private final LongAdder enteringBroadcastCount = new LongAdder();
    private final LongAdder enteringUnicastBytes = new LongAdder();
    private final LongAdder enteringUnicastCount = new LongAdder();
    private final LongAdder leavingBroadcastBytes = new LongAdder();
    private final LongAdder leavingBroadcastCount = new LongAdder();
    private final LongAdder leavingUnicastBytes = new LongAdder();
    private final LongAdder leavingUnicastCount = new LongAdder();

    void recordEntering(boolean group, int length) {
        if (group) {
            enteringBroadcastCount.increment();
            enteringBroadcastBytes.add(length);
        } else {
            enteringUnicastCount.increment();
            enteringUnicastBytes.add(length);
        }
    }

    void recordLeaving(boolean group, int length) {
        if (group) {
            leavingBroadcastCount.increment();
            leavingBroadcastBytes.add(length);
        } else {
            leavingUnicastCount.increment();
            leavingUnicastBytes.add(length);
        }
    }

    /** One flood's worth at once: {@code frames} copies of one frame of {@code length} bytes. */
    void recordLeaving(boolean group, int frames, int length) {
        if (frames == 0) {
            return;
        }
        long bytes = (long) frames * length;
        if (group) {
            leavingBroadcastCount.add(frames);
            leavingBroadcastBytes.add(bytes);
        } else {
            leavingUnicastCount.add(frames);
            leavingUnicastBytes.add(bytes);
        }
    }

    /** The hub's view: Recv is what entered the hub, Send what left it. */
    TrafficCounters fromHubSide() {
        return new TrafficCounters(
                enteringBroadcastBytes.sum(), enteringBroadcastCount.sum(),
                enteringUnicastBytes.sum(), enteringUnicastCount.sum(),
                leavingBroadcastBytes.sum(), leavingBroadcastCount.sum(),
                leavingUnicastBytes.sum(), leavingUnicastCount.sum());
    }

    /** The port's (the VPN client's) view: Send is what it put into the hub, Recv what it got back. */
    TrafficCounters fromPortSide() {
        return new TrafficCounters(
                leavingBroadcastBytes.sum(), leavingBroadcastCount.sum(),
                leavingUnicastBytes.sum(), leavingUnicastCount.sum(),
                enteringBroadcastBytes.sum(), enteringBroadcastCount.sum(),
                enteringUnicastBytes.sum(), enteringUnicastCount.sum());
    }
}
