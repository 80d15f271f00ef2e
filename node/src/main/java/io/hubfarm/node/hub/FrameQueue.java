package io.hubfarm.node.hub;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Frames waiting to be sent out of one port: to a session's client or a bridge's device. Many threads
 * offer (every port of the hub); the port's writer polls.
 *
 * <p>Back-pressure, not drops (docs/architecture.md, "Data plane"): once the queue holds more than its
 * high-water mark, the hub asks the members sending unicast frames to it to stop reading from their
 * own far side ({@link HubMember#throttle}) until the writer has taken it below the low-water mark;
 * TCP's flow control then slows the real senders. A queue that stays above its high-water mark for
 * longer than {@link #STALL_BOUND} is <em>stalled</em>: senders are let go and no longer wait for it,
 * and it drops what does not fit its capacity, so one stuck port costs only its own frames. Broadcast
 * and flooded frames never wait (one slow port must not throttle a whole hub): they too are dropped
 * when the queue is full.
 *
 * <p>Bytes are counted as the frame plus {@link #FRAME_OVERHEAD}, what it really costs in memory, so
 * a queue of tiny frames cannot hold more than its capacity says.
 */
public final class FrameQueue {
    /** How long a port may hold its senders back before it counts as stalled and loses frames instead. */
    public static final Duration STALL_BOUND = Duration.ofSeconds(2);
    /** How often a paused port asks its member to let it go once the bound has passed (HubMember#releaseIfStalled). */
    public static final Duration STALL_CHECK_INTERVAL = STALL_BOUND.dividedBy(4);
    /** Heap bytes per queued frame besides its payload: the frame object, its array's header, the queue node. */
    static final int FRAME_OVERHEAD = 64;
    private static final long NOT_ABOVE = Long.MIN_VALUE;

    private final ConcurrentLinkedQueue<EthernetFrame> frames = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger bytes = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong aboveHighSince = new AtomicLong(NOT_ABOVE);
    private final Set<HubMember> waiting = ConcurrentHashMap.newKeySet();
    private final int capacityBytes;
    private final int highWaterBytes;
    private final int lowWaterBytes;

    /**
     * @param capacityBytes  bytes the queue holds at most: the bound on a port's memory, reached only
     *                       by floods, by frames senders had read before they paused, and by a stalled port
     * @param highWaterBytes above this, unicast senders wait
     */
    public FrameQueue(int capacityBytes, int highWaterBytes) {
        if (highWaterBytes <= 0 || highWaterBytes > capacityBytes) {
            throw new IllegalArgumentException("high water " + highWaterBytes + " must be in (0, " + capacityBytes + "]");
        }
        this.capacityBytes = capacityBytes;
        this.highWaterBytes = highWaterBytes;
        this.lowWaterBytes = highWaterBytes / 2;
    }

    /** @return false if the queue was full and the frame was dropped */
    public boolean offer(EthernetFrame frame) {
        int cost = cost(frame);
        if (bytes.addAndGet(cost) > capacityBytes) {
            bytes.addAndGet(-cost);
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
            if (bytes.addAndGet(-cost(frame)) < lowWaterBytes) {
                drained();
            }
        }
        return frame;
    }

    private static int cost(EthernetFrame frame) {
        return frame.length() + FRAME_OVERHEAD;
    }

    /** Below the low-water mark: not congested any more, and whoever waited may go on. */
    private void drained() {
        if (aboveHighSince.get() != NOT_ABOVE) {
            aboveHighSince.set(NOT_ABOVE);
        }
        if (!waiting.isEmpty()) {
            for (HubMember member : waiting) {
                if (waiting.remove(member)) {
                    member.unthrottle(this);
                }
            }
        }
    }

    /**
     * Whether a unicast sender should wait for this queue now: it is above its high-water mark, and has
     * not been for longer than {@link #STALL_BOUND} (then it is stalled and drops instead).
     */
    boolean congested(long nowNanos) {
        if (bytes.get() <= highWaterBytes) {
            return false;
        }
        long since = aboveHighSince.get();
        if (since == NOT_ABOVE) {
            return aboveHighSince.compareAndSet(NOT_ABOVE, nowNanos) || !isStalled(nowNanos);
        }
        return nowNanos - since < STALL_BOUND.toNanos();
    }

    /** Above the high-water mark for longer than {@link #STALL_BOUND}. */
    public boolean isStalled(long nowNanos) {
        long since = aboveHighSince.get();
        return since != NOT_ABOVE && nowNanos - since >= STALL_BOUND.toNanos();
    }

    /**
     * Registers {@code member} to be told ({@link HubMember#unthrottle}) when the queue drains below its
     * low-water mark; false if it already has, and the member need not wait.
     */
    boolean await(HubMember member) {
        waiting.add(member);
        if (bytes.get() < lowWaterBytes && waiting.remove(member)) {
            return false;
        }
        return true;
    }

    /** Forgets a waiting member (it gave up, or left the hub). */
    void cancelWait(HubMember member) {
        waiting.remove(member);
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

    /** Drops everything queued (the port is closing) and lets every waiting sender go. */
    public void clear() {
        while (poll() != null) {
            // drained
        }
        drained();
    }
}
