package io.hubfarm.node.hub;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Frames waiting to be sent out of one port: to a session's client or a bridge's device. Bounded:
 * when the far side takes frames too slowly the newest are dropped and counted, so a slow port costs
 * only its own traffic and never the hub's memory. Many threads offer (every port of the hub); the
 * port's writer polls.
 */
public final class FrameQueue {
    private final ConcurrentLinkedQueue<EthernetFrame> frames = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger bytes = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final int capacityBytes;

    /** @param capacityBytes frame bytes the queue holds at most: the bound on a port's memory */
    public FrameQueue(int capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** @return false if the queue was full and the frame was dropped */
    public boolean offer(EthernetFrame frame) {
        if (bytes.addAndGet(frame.length()) > capacityBytes) {
            bytes.addAndGet(-frame.length());
            dropped.increment();
            return false;
        }
        size.incrementAndGet();
        frames.add(frame);
        return true;
    }

    public EthernetFrame poll() {
        EthernetFrame frame = frames.poll();
        if (frame != null) {
            size.decrementAndGet();
            bytes.addAndGet(-frame.length());
        }
        return frame;
    }

    public int bytes() {
        return bytes.get();
    }

    public boolean isEmpty() {
        return frames.isEmpty();
    }

    public int size() {
        return size.get();
    }

    public long dropped() {
        return dropped.sum();
    }

    public void clear() {
        while (poll() != null) {
            // drained
        }
    }
}
