package io.hubfarm.node.hub;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One port's place in a {@link VirtualHub}: the port sends frames into the hub through
 * {@link #forward}, and the hub delivers frames to the port through {@link HubPort#deliver}.
 * Safe to use from any number of threads at once (a session's TCP connections may live on different
 * event loops).
 */
public final class HubMember {
    private static final Logger log = LoggerFactory.getLogger(HubMember.class);
    /** No MAC table key is negative (the VLAN ID above the address has 12 bits). */
    private static final Long NO_KEY = -1L;

    private final VirtualHub hub;
    private final HubPort port;
    private final TrafficMeter traffic = new TrafficMeter();
    private final AtomicBoolean attached = new AtomicBoolean(true);
    private final AtomicBoolean deliveryFailureLogged = new AtomicBoolean();

    // The MAC table's keys are boxed longs. A port mostly sends from one address to a few, so the
    // last key of each kind is kept boxed here and switching the next frame allocates nothing. Racy
    // on purpose: a Long is immutable, and a stale read only costs one allocation.
    private Long lastSourceKey = NO_KEY;
    private Long lastDestinationKey = NO_KEY;

    /** The congested queues this member's port waits for; its input is paused while this is not empty. */
    private final Set<FrameQueue> waitingFor = new HashSet<>(); // guarded by this
    private long pausedSinceNanos; // guarded by this

    HubMember(VirtualHub hub, HubPort port) {
        this.hub = hub;
        this.port = port;
    }

    public VirtualHub hub() {
        return hub;
    }

    public HubPort port() {
        return port;
    }

    public String name() {
        return port.name();
    }

    public boolean isAttached() {
        return attached.get();
    }

    /**
     * Switches one frame that this member's port sent. The source address is learned for this member
     * first; then a frame to a group address, or to a unicast address the hub does not know (or knows
     * only from an aged entry), goes to every other member, and a frame to a known unicast address
     * goes to that address's member only. The hub never sends a frame back to its sender: a frame
     * addressed to its own member is dropped, as SoftEther drops it (Cedar StorePacket).
     *
     * <p>Also dropped, though counted as received: frames from an unusable source address (see
     * {@link MacAddress}), frames from a new address when the MAC table is full
     * ({@link HubLimits#maxMacEntries()}), and every frame once this member is detached (those are not
     * counted).
     */
    public void forward(EthernetFrame frame) {
        if (!attached.get()) {
            return;
        }
        boolean group = frame.isGroupDestination();
        int length = frame.length();
        traffic.recordEntering(group, length);
        hub.traffic.recordEntering(group, length);

        long source = frame.source();
        long destination = frame.destination();
        if (!MacAddress.isUsableSource(source, destination)) {
            return;
        }
        int vlanId = frame.vlanId();
        long now = hub.clock.nanoTime();
        if (!hub.macTable.learn(sourceKey(MacTable.key(vlanId, source)), this, now)) {
            return;
        }
        if (!group) {
            HubMember target = hub.macTable.lookup(destinationKey(MacTable.key(vlanId, destination)), now);
            if (target == this) {
                return;
            }
            if (target != null && target.isAttached()) {
                if (target.receive(frame, false, length)) {
                    hub.traffic.recordLeaving(false, length);
                    FrameQueue queue = target.port.outbound();
                    if (queue != null && queue.congested(now)) {
                        throttle(queue, now);
                    }
                }
                return;
            }
            // Unknown, aged, or its member detached a moment ago: flood like an unknown address.
        }
        hub.flood(this, frame, group, length);
    }

    private Long sourceKey(long key) {
        Long boxed = lastSourceKey;
        if (boxed != key) {
            boxed = key;
            lastSourceKey = boxed;
        }
        return boxed;
    }

    private Long destinationKey(long key) {
        Long boxed = lastDestinationKey;
        if (boxed != key) {
            boxed = key;
            lastDestinationKey = boxed;
        }
        return boxed;
    }

    /**
     * Pauses this member's port until {@code queue} drains (back-pressure, see {@link FrameQueue}). Runs
     * on the thread forwarding this member's frames; the release may come from any thread.
     */
    private synchronized void throttle(FrameQueue queue, long now) {
        if (!attached.get() || waitingFor.contains(queue) || !queue.await(this)) {
            return;
        }
        waitingFor.add(queue);
        if (waitingFor.size() == 1) {
            pausedSinceNanos = now;
            port.pauseInput();
        }
    }

    /** {@code queue} drained below its low-water mark; the port reads again once it waits for nothing. */
    synchronized void unthrottle(FrameQueue queue) {
        if (waitingFor.remove(queue) && waitingFor.isEmpty()) {
            port.resumeInput();
        }
    }

    /**
     * Lets the port read again if it has waited for {@link FrameQueue#STALL_BOUND} or longer: the queues
     * it waits for are stalled, and drop its frames from now on instead of holding it. A port that
     * paused calls this after the bound (see {@link HubPort#pauseInput()}).
     */
    public synchronized void releaseIfStalled() {
        if (waitingFor.isEmpty() || hub.clock.nanoTime() - pausedSinceNanos < FrameQueue.STALL_BOUND.toNanos()) {
            return;
        }
        releaseAll();
    }

    /** Whether this member's port is paused, waiting for a congested port to drain. */
    public synchronized boolean isThrottled() {
        return !waitingFor.isEmpty();
    }

    private void releaseAll() {
        for (FrameQueue queue : waitingFor) {
            queue.cancelWait(this);
        }
        waitingFor.clear();
        port.resumeInput();
    }

    /**
     * This member's traffic from its port's side, which is how SoftEther reports a session (Cedar
     * SessionMain counts a server session's incoming blocks as Send): <b>Send</b> is what the port
     * sent into the hub, every frame given to {@link #forward} including those the hub then dropped;
     * <b>Recv</b> is what the hub delivered to the port, counted when handed to
     * {@link HubPort#deliver}, so a frame the port later drops from its own full queue still counts.
     * {@link VirtualHub#counters()} is the sum of all members' counters seen from the other side.
     */
    public TrafficCounters counters() {
        return traffic.fromPortSide();
    }

    /**
     * Leaves the hub: no more frames go to the port, frames it forwards are ignored, and the MAC
     * addresses learned behind it are forgotten. Does not call {@link HubPort#hubStopped()}. Calling it
     * again does nothing.
     */
    public void detach() {
        if (attached.compareAndSet(true, false)) {
            hub.removeMember(this);
            hub.macTable.removeOwnedBy(this);
            synchronized (this) {
                if (!waitingFor.isEmpty()) {
                    releaseAll();
                }
            }
        }
    }

    /** Marks this member detached for {@link VirtualHub#stop()}; true if it was still attached. */
    boolean detachForStop() {
        if (!attached.compareAndSet(true, false)) {
            return false;
        }
        synchronized (this) {
            if (!waitingFor.isEmpty()) {
                releaseAll();
            }
        }
        return true;
    }

    /**
     * Hands a frame to the port, unless this member has left. A port that throws is a bug in the
     * port; it must not stop the hub from delivering to the others, so it is logged (once per member)
     * and the frame counts as not delivered.
     */
    boolean receive(EthernetFrame frame, boolean group, int length) {
        if (!attached.get()) {
            return false;
        }
        try {
            port.deliver(frame);
        } catch (RuntimeException e) {
            if (deliveryFailureLogged.compareAndSet(false, true)) {
                log.warn("virtual hub {}: port {} threw from deliver(); its frames are dropped while it does",
                        hub.name(), port.name(), e);
            }
            return false;
        }
        traffic.recordLeaving(group, length);
        return true;
    }

    @Override
    public String toString() {
        return "HubMember[" + port.name() + " on " + hub.name() + (attached.get() ? "" : ", detached") + "]";
    }
}
