package io.hubfarm.node.hub;

import io.hubfarm.node.time.NodeClock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual hub: an Ethernet learning switch between its members. A frame's source address is
 * learned for the member that sent it; a frame for a learned address goes to that member only, and
 * broadcast, multicast and frames for unknown or aged addresses go to every other member. Nothing is
 * ever sent back to the member it came from.
 *
 * <p>{@link #forward} runs concurrently on many event-loop threads without locks: the MAC table is a
 * concurrent map and flooding reads an immutable member array.
 */
public final class VirtualHub {
    private static final Logger log = LoggerFactory.getLogger(VirtualHub.class);

    private final String name;
    private final HubLimits limits;
    private final NodeClock clock;
    private final long ageingNanos;
    private final ConcurrentHashMap<Long, MacEntry> macTable = new ConcurrentHashMap<>();
    private final TrafficMeter traffic = new TrafficMeter();
    private volatile HubMember[] members = new HubMember[0];
    private volatile boolean stopped;
    private boolean warnedFull;

    public VirtualHub(String name, HubLimits limits, NodeClock clock) {
        this.name = name;
        this.limits = limits;
        this.clock = clock;
        this.ageingNanos = limits.macAgeing().toNanos();
    }

    public String name() {
        return name;
    }

    /** @throws IllegalStateException if the hub has stopped */
    public synchronized HubMember attach(HubPort port) {
        if (stopped) {
            throw new IllegalStateException("hub '" + name + "' has stopped");
        }
        HubMember member = new HubMember(this, port);
        HubMember[] now = Arrays.copyOf(members, members.length + 1);
        now[now.length - 1] = member;
        members = now;
        return member;
    }

    synchronized void detach(HubMember member) {
        if (member.detached) {
            return;
        }
        member.detached = true;
        members = Arrays.stream(members).filter(m -> m != member).toArray(HubMember[]::new);
        macTable.values().removeIf(e -> e.member == member);
    }

    public List<HubMember> members() {
        return List.of(members);
    }

    public int macTableSize() {
        return macTable.size();
    }

    public TrafficCounters counters() {
        return traffic.snapshot();
    }

    public boolean isStopped() {
        return stopped;
    }

    void forward(HubMember from, EthernetFrame frame) {
        if (from.detached) {
            return;
        }
        long now = clock.nanoTime();
        from.traffic.received(frame);
        traffic.received(frame);
        long source = frame.source();
        if (!MacAddress.isGroup(source)) {
            learn(from, source, now);
        }
        if (!frame.isGroupDestination()) {
            MacEntry entry = macTable.get(frame.destination());
            if (entry != null && now - entry.lastSeen < ageingNanos && !entry.member.detached) {
                if (entry.member != from) {
                    send(entry.member, frame);
                }
                return; // a frame for the sender's own address goes nowhere
            }
        }
        for (HubMember m : members) {
            if (m != from) {
                send(m, frame);
            }
        }
    }

    private void learn(HubMember from, long mac, long now) {
        MacEntry entry = macTable.get(mac);
        if (entry != null) {
            entry.member = from; // the address moved, or is seen again
            entry.lastSeen = now;
            return;
        }
        if (macTable.size() >= limits.maxMacEntries()) {
            if (!warnedFull) {
                warnedFull = true;
                log.warn("Hub '{}': MAC table full ({} entries); frames to new addresses are flooded", name,
                        limits.maxMacEntries());
            }
            return;
        }
        macTable.putIfAbsent(mac, new MacEntry(from, now));
    }

    private void send(HubMember to, EthernetFrame frame) {
        traffic.sent(frame);
        to.deliver(frame);
    }

    /** Forgets addresses not seen for the ageing time. */
    public void sweep() {
        long now = clock.nanoTime();
        macTable.values().removeIf(e -> now - e.lastSeen >= ageingNanos || e.member.detached);
        if (macTable.size() < limits.maxMacEntries()) {
            warnedFull = false;
        }
    }

    /** Detaches every member and tells each port once; the hub takes no new members afterwards. */
    public void stop() {
        HubMember[] gone;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            gone = members;
            members = new HubMember[0];
            for (HubMember m : gone) {
                m.detached = true;
            }
            macTable.clear();
        }
        for (HubMember m : gone) {
            m.port().hubStopped();
        }
    }

    private static final class MacEntry {
        volatile HubMember member;
        volatile long lastSeen;

        MacEntry(HubMember member, long lastSeen) {
            this.member = member;
            this.lastSeen = lastSeen;
        }
    }
}
