package io.hubfarm.node.session;

import io.hubfarm.node.hub.EthernetFrame;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Frames waiting to be sent to one session's client. Bounded: when the client reads too slowly the
 * newest frames are dropped and counted, so a slow client costs only its own traffic and never the
 * hub's memory. Many threads offer (every session of the hub); the session's connections poll.
 */
final class FrameQueue {
    private final ConcurrentLinkedQueue<EthernetFrame> frames = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger bytes = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final int capacityBytes;

    /** @param capacityBytes frame bytes the queue holds at most: the bound on a session's memory */
    FrameQueue(int capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** @return false if the queue was full and the frame was dropped */
    boolean offer(EthernetFrame frame) {
        if (bytes.addAndGet(frame.length()) > capacityBytes) {
            bytes.addAndGet(-frame.length());
            dropped.increment();
            return false;
        }
        size.incrementAndGet();
        frames.add(frame);
        return true;
    }

    EthernetFrame poll() {
        EthernetFrame frame = frames.poll();
        if (frame != null) {
            size.decrementAndGet();
            bytes.addAndGet(-frame.length());
        }
        return frame;
    }

    int bytes() {
        return bytes.get();
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    int size() {
        return size.get();
    }

    long dropped() {
        return dropped.sum();
    }

    void clear() {
        while (poll() != null) {
            // drained
        }
    }
}
