package io.hubfarm.failover;

import java.time.Duration;
import java.util.Objects;

/**
 * A node's own guard against running a dynamic hub that the cluster may already have moved
 * (design.md section 2, fault tolerance). The controller declares a node dead, and entry nodes
 * place its dynamic hubs elsewhere, once its last heartbeat is older than {@code dead_after} by the
 * database clock. So the node stops its dynamic-hub instances itself when no heartbeat has been
 * confirmed for {@code dead_after - safetyMargin} on its own monotonic clock, counted from the
 * moment the last confirmed heartbeat <em>began</em>: the database wrote that heartbeat later than
 * that, so the node is always first, even across a network partition.
 *
 * <p>Only heartbeats that the database confirmed for this node's incarnation count: other
 * successful queries do not move {@code last_heartbeat}, so they prove nothing to the rest of the
 * cluster. A node is fenced until its first confirmed heartbeat, and at once when the database says
 * its row belongs to a newer incarnation ({@link #fenceNow()}).
 *
 * <p>Once fenced, the node stops every dynamic-hub instance; when heartbeats are confirmed again it
 * starts one only for a session routed to it by a placement that still names its current
 * incarnation, never by resuming what it stopped. Thread-safe.
 */
public final class SelfFencing {
    private final MonotonicClock clock;
    private final long windowNanos;
    private boolean confirmed;
    private long lastConfirmedStartNanos;

    /**
     * @param deadAfter    the cluster's {@code dead_after}
     * @param safetyMargin how much earlier than {@code dead_after} to stop: covers this clock running
     *                     slower than the database's and the time stopping the instances takes
     */
    public SelfFencing(MonotonicClock clock, Duration deadAfter, Duration safetyMargin) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (safetyMargin.isNegative() || safetyMargin.isZero() || safetyMargin.compareTo(deadAfter) >= 0) {
            throw new IllegalArgumentException("self-fencing safety margin must be positive and shorter than "
                    + "dead_after (" + deadAfter.toMillis() + " ms), not " + safetyMargin.toMillis() + " ms");
        }
        this.windowNanos = deadAfter.minus(safetyMargin).toNanos();
    }

    /** With a margin of a fifth of {@code dead_after} (1 s of the default 5 s). */
    public SelfFencing(MonotonicClock clock, Liveness liveness) {
        this(clock, liveness.deadAfter(), liveness.deadAfter().dividedBy(5));
    }

    /**
     * A heartbeat that began at {@code startedAtNanos} (read from the same clock before the call)
     * was confirmed by the database.
     */
    public synchronized void heartbeatConfirmed(long startedAtNanos) {
        if (!confirmed || startedAtNanos - lastConfirmedStartNanos > 0) {
            lastConfirmedStartNanos = startedAtNanos;
        }
        confirmed = true;
    }

    /** The database says this node's row is no longer this process's: it was declared dead. */
    public synchronized void fenceNow() {
        confirmed = false;
    }

    /** True when the node must not run (and must stop) its dynamic-hub instances. */
    public synchronized boolean isFenced() {
        return !confirmed || clock.nanoTime() - lastConfirmedStartNanos >= windowNanos;
    }

    /** How long the node may still run its dynamic hubs without another confirmed heartbeat. */
    public synchronized Duration remaining() {
        if (!confirmed) {
            return Duration.ZERO;
        }
        long left = lastConfirmedStartNanos + windowNanos - clock.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }
}
