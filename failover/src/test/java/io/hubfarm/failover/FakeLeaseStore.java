package io.hubfarm.failover;

import java.time.Duration;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The lease row's semantics ({@code ControllerLeaseRepository}) over a clock of its own. The
 * database clock is the shared manual clock scaled by {@code dbRate}, so tests can make it run
 * faster than the nodes' clocks. Nodes in {@link #unreachable} get an exception, as with a lost
 * connection; {@link #onCall} runs inside every call, before its statement takes effect (a slow
 * network).
 */
final class FakeLeaseStore implements LeaseStore {
    private final ManualClock clock;
    private final double dbRate;
    private final long origin;
    final Set<Long> unreachable = new HashSet<>();
    Runnable onCall = () -> { };
    Long holder;
    long epoch;
    long expiresAtDbNanos = Long.MIN_VALUE;
    int acquireCalls;
    int renewCalls;
    int releaseCalls;

    FakeLeaseStore(ManualClock clock) {
        this(clock, 1.0);
    }

    FakeLeaseStore(ManualClock clock, double dbRate) {
        this.clock = clock;
        this.dbRate = dbRate;
        this.origin = clock.nanoTime();
    }

    long dbNow() {
        return (long) ((clock.nanoTime() - origin) * dbRate);
    }

    boolean expired() {
        return expiresAtDbNanos < dbNow();
    }

    /** Whether the database would accept a write fenced with this node's epoch right now. */
    boolean isHeldBy(long node, long ep) {
        return holder != null && holder == node && epoch == ep && !expired();
    }

    @Override
    public OptionalLong tryAcquire(long nodeId, Duration ttl) {
        acquireCalls++;
        enter(nodeId);
        if (holder == null || expired()) {
            holder = nodeId;
            epoch++;
            expiresAtDbNanos = dbNow() + ttl.toNanos();
            return OptionalLong.of(epoch);
        }
        return OptionalLong.empty();
    }

    @Override
    public boolean renew(long nodeId, long ep, Duration ttl) {
        renewCalls++;
        enter(nodeId);
        if (holder != null && holder == nodeId && epoch == ep && !expired()) {
            expiresAtDbNanos = dbNow() + ttl.toNanos();
            return true;
        }
        return false;
    }

    @Override
    public boolean release(long nodeId, long ep) {
        releaseCalls++;
        enter(nodeId);
        if (holder != null && holder == nodeId && epoch == ep) {
            holder = null;
            expiresAtDbNanos = dbNow();
            return true;
        }
        return false;
    }

    private void enter(long nodeId) {
        onCall.run();
        if (unreachable.contains(nodeId)) {
            throw new IllegalStateException("database unreachable from node " + nodeId);
        }
    }
}
