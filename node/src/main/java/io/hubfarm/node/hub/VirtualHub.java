package io.hubfarm.node.hub;

import io.hubfarm.node.time.NodeClock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual hub: an Ethernet learning switch between the ports attached to it. It learns which member
 * each source MAC address is behind, sends unicast frames to that member only, and floods group
 * (broadcast and multicast) frames and frames to unknown addresses to every other member.
 *
 * <p>Switching ({@link HubMember#forward}) runs on the callers' threads, many at once, and takes no
 * lock: the MAC table is a concurrent map and the member list an array replaced whole on every attach
 * and detach. Only attach, detach and stop synchronise, with one another.
 *
 * <p>The hub keeps no timer of its own: its owner calls {@link #sweep()} every few seconds.
 */
public final class VirtualHub {
    private static final Logger log = LoggerFactory.getLogger(VirtualHub.class);
    private static final HubMember[] NO_MEMBERS = new HubMember[0];

    private final String name;
    private final HubLimits limits;
    final NodeClock clock;
    final MacTable macTable;
    final TrafficMeter traffic = new TrafficMeter();

    private final Object membershipLock = new Object();
    /** Replaced, never changed in place, so a flood can walk a snapshot without a lock. */
    private volatile HubMember[] members = NO_MEMBERS;
    private boolean stopped; // guarded by membershipLock

    public VirtualHub(String name, HubLimits limits, NodeClock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.macTable = new MacTable(limits, clock.nanoTime());
    }

    public String name() {
        return name;
    }

    public HubLimits limits() {
        return limits;
    }

    /**
     * Attaches a port; frames flow both ways from now on.
     *
     * @throws IllegalStateException after {@link #stop()}
     */
    public HubMember attach(HubPort port) {
        Objects.requireNonNull(port, "port");
        synchronized (membershipLock) {
            if (stopped) {
                throw new IllegalStateException("virtual hub " + name + " is stopped");
            }
            HubMember member = new HubMember(this, port);
            HubMember[] now = members;
            HubMember[] next = Arrays.copyOf(now, now.length + 1);
            next[now.length] = member;
            members = next;
            return member;
        }
    }

    /** The members attached at this moment, in the order they attached. */
    public List<HubMember> members() {
        return List.of(members);
    }

    /** MAC table entries, aged ones included until {@link #sweep()} removes them. */
    public int macTableSize() {
        return macTable.size();
    }

    /**
     * The hub's traffic from its own side, as SoftEther reports a hub (Cedar AddTrafficForSession adds
     * each session's counters to the hub's with Send and Recv swapped): <b>Recv</b> is every frame the
     * ports sent into the hub, <b>Send</b> every copy the hub delivered to a port. A broadcast among
     * {@code n} members is received once and sent {@code n - 1} times.
     */
    public TrafficCounters counters() {
        return traffic.fromHubSide();
    }

    /** Removes MAC entries not seen for {@link HubLimits#macAgeing()}; returns how many. */
    public int sweep() {
        return macTable.sweep(clock.nanoTime());
    }

    /**
     * Takes the hub offline: detaches every member, forgets every address, then tells each port that
     * was still attached, once, through {@link HubPort#hubStopped()}. Later calls do nothing; later
     * {@link #attach} calls throw.
     */
    public void stop() {
        HubMember[] leaving;
        synchronized (membershipLock) {
            if (stopped) {
                return;
            }
            stopped = true;
            leaving = members;
            members = NO_MEMBERS;
        }
        macTable.clear();
        for (HubMember member : leaving) {
            if (!member.detachForStop()) {
                continue; // it detached itself meanwhile and needs no notice
            }
            try {
                member.port().hubStopped();
            } catch (RuntimeException e) {
                log.warn("virtual hub {}: port {} failed to handle the hub stopping", name, member.name(), e);
            }
        }
    }

    void removeMember(HubMember member) {
        synchronized (membershipLock) {
            HubMember[] now = members;
            int at = Arrays.asList(now).indexOf(member);
            if (at < 0) {
                return;
            }
            HubMember[] next = new HubMember[now.length - 1];
            System.arraycopy(now, 0, next, 0, at);
            System.arraycopy(now, at + 1, next, at, now.length - at - 1);
            members = next;
        }
    }

    /** Delivers one frame to every member but its sender, and counts the copies once. */
    void flood(HubMember sender, EthernetFrame frame, boolean group, int length) {
        int delivered = 0;
        for (HubMember member : members) {
            if (member != sender && member.receive(frame, group, length)) {
                delivered++;
            }
        }
        traffic.recordLeaving(group, delivered, length);
    }

    @Override
    public String toString() {
        return "VirtualHub[" + name + ", " + members.length + " members]";
    }
}
