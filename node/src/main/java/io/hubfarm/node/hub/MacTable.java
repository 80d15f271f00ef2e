package io.hubfarm.node.hub;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which member of a hub each MAC address was last seen behind. Keys are a MAC address with its VLAN
 * ID above it ({@code vlan << 48 | mac}), because SoftEther by default learns per VLAN (hub option
 * NoManageVlanId off). Read and written by every switching thread at once without a lock: a
 * {@link ConcurrentHashMap} of entries whose owner never changes, so a move, an expiry and a detach
 * each replace or remove one exact entry and cannot undo one another.
 */
final class MacTable {

    /**
     * When a new address finds the table full, aged entries are swept first, at most this often:
     * SoftEther flushes expired entries before registering a new address, at most once a second
     * (Hub.h OLD_MAC_ADDRESS_ENTRY_FLUSH_INTERVAL, 1000 ms).
     */
    private static final long FULL_TABLE_SWEEP_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    /**
     * A member's own entry is rewritten at most this often: a frame from an address already learned
     * for the same member only reads its entry, which keeps the entry's cache line from bouncing
     * between the threads that look it up. An entry may therefore age out up to this much early.
     */
    private static final long MAX_REFRESH_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private static final int MAX_LEARNING_ATTEMPTS = 4;

    /** One learned address. The owner is fixed; a move replaces the entry. */
    static final class Entry {
        final HubMember owner;
        volatile long lastSeenNanos;

        Entry(HubMember owner, long lastSeenNanos) {
            this.owner = owner;
            this.lastSeenNanos = lastSeenNanos;
        }
    }

    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    /** Entries present plus insertions under way; never above {@link #capacity}. */
    private final AtomicInteger reserved = new AtomicInteger();
    private final int capacity;
    private final long ageingNanos;
    private final long refreshIntervalNanos;
    private final AtomicLong lastFullTableSweep;

    MacTable(HubLimits limits, long nowNanos) {
        this.capacity = limits.maxMacEntries();
        this.ageingNanos = limits.macAgeing().toNanos();
        this.refreshIntervalNanos = Math.min(MAX_REFRESH_INTERVAL_NANOS, Math.max(1, ageingNanos / 16));
        this.lastFullTableSweep = new AtomicLong(nowNanos - FULL_TABLE_SWEEP_INTERVAL_NANOS);
    }

    static long key(int vlanId, long mac) {
        return (long) vlanId << 48 | mac;
    }

    /**
     * Records that {@code key} was just seen as a source behind {@code member}. An address seen
     * behind another member moves to this one at once, as in SoftEther without its CheckMac policy
     * (Cedar StorePacket rewrites the entry's session; CheckMac, off by default for VPN sessions,
     * would instead drop the frame while the old owner was active within 13 s,
     * MAC_TABLE_EXCLUSIVE_TIME).
     *
     * @return false when the address is new and the table is full even after sweeping aged entries:
     *         the caller drops the frame, as SoftEther does
     */
    boolean learn(Long key, HubMember member, long nowNanos) {
        for (int attempt = 0; attempt < MAX_LEARNING_ATTEMPTS; attempt++) {
            Entry entry = entries.get(key);
            if (entry != null) {
                if (entry.owner == member) {
                    if (nowNanos - entry.lastSeenNanos >= refreshIntervalNanos) {
                        entry.lastSeenNanos = nowNanos;
                    }
                    return true;
                }
                if (entries.replace(key, entry, new Entry(member, nowNanos))) {
                    return true;
                }
                continue;
            }
            if (!reserveSlot(nowNanos)) {
                return false;
            }
            if (entries.putIfAbsent(key, new Entry(member, nowNanos)) == null) {
                return true;
            }
            reserved.decrementAndGet();
        }
        // Other threads kept changing this very entry (the address is live behind several members at
        // once). Switching this frame does not need the entry; a later frame learns it.
        return true;
    }

    /** The member behind {@code key}, or null when the address is unknown or its entry has aged. */
    HubMember lookup(Long key, long nowNanos) {
        Entry entry = entries.get(key);
        if (entry == null || nowNanos - entry.lastSeenNanos >= ageingNanos) {
            return null;
        }
        return entry.owner;
    }

    /** Removes every aged entry; returns how many. */
    int sweep(long nowNanos) {
        int removed = 0;
        for (Map.Entry<Long, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            if (nowNanos - entry.lastSeenNanos >= ageingNanos && entries.remove(e.getKey(), entry)) {
                reserved.decrementAndGet();
                removed++;
            }
        }
        return removed;
    }

    /** Forgets the addresses learned behind {@code member}. */
    void removeOwnedBy(HubMember member) {
        for (Map.Entry<Long, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            if (entry.owner == member && entries.remove(e.getKey(), entry)) {
                reserved.decrementAndGet();
            }
        }
    }

    void clear() {
        for (Long key : entries.keySet()) {
            if (entries.remove(key) != null) {
                reserved.decrementAndGet();
            }
        }
    }

    int size() {
        return entries.size();
    }

    private boolean reserveSlot(long nowNanos) {
        if (tryReserve()) {
            return true;
        }
        long last = lastFullTableSweep.get();
        if (nowNanos - last >= FULL_TABLE_SWEEP_INTERVAL_NANOS && lastFullTableSweep.compareAndSet(last, nowNanos)) {
            sweep(nowNanos);
            return tryReserve();
        }
        return false;
    }

    private boolean tryReserve() {
        while (true) {
            int now = reserved.get();
            if (now >= capacity) {
                return false;
            }
            if (reserved.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }
}
