package io.hubfarm.node.bridge;

import io.hubfarm.schema.bridge.BridgeCounters;
import java.util.concurrent.atomic.LongAdder;

/** A bridge's frame counts; they outlive the device's descriptor, so a re-opened device keeps counting. */
final class BridgeTraffic {
    final LongAdder framesIn = new LongAdder();
    final LongAdder framesOut = new LongAdder();
    final LongAdder oversizeDropped = new LongAdder();
    final LongAdder queueDropped = new LongAdder();

    BridgeCounters snapshot() {
        return new BridgeCounters(framesIn.sum(), framesOut.sum(), oversizeDropped.sum(), queueDropped.sum());
    }
}
