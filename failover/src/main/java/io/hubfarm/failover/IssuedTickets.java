package io.hubfarm.failover;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The sessions an entry node has sent to each node since it last read its view of the cluster:
 * the part of a burst that no view can show yet.
 *
 * <p>The view an entry node reads every second must itself count, per node, the sessions on their
 * way that the node's last heartbeat does not show: tickets addressed to it and not yet consumed,
 * and sessions registered there after its last heartbeat (both by the database clock, so no two
 * machines' clocks are compared). That count covers every entry node's earlier decisions; when the
 * read began, call {@link #viewRead(long)} and the decisions recorded before it are dropped here, so
 * nothing is counted twice. Counting a decision both here and in the heartbeat instead, for as
 * long as it may take to show, would skew a burst towards whichever node happened to heartbeat
 * first.
 *
 * <p>Record every decision, including sessions the entry node keeps for itself. Each record is
 * also forgotten after {@code window}, so a node whose view stopped refreshing (its database is
 * gone, and it issues no tickets then anyway) does not count them forever; at most
 * {@code maxRemembered} are kept, the oldest forgotten first. Thread-safe.
 */
public final class IssuedTickets {
    /** Well beyond one view refresh (a second): a bound, not the normal way records go. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);
    /** Far more sessions than a node is sent between two views; bounds memory under a flood. */
    public static final int DEFAULT_MAX_REMEMBERED = 65_536;

    private record Sent(long nodeId, long atNanos) {
    }

    private final MonotonicClock clock;
    private final long windowNanos;
    private final int maxRemembered;
    private final ArrayDeque<Sent> sent = new ArrayDeque<>();
    private final Map<Long, Integer> perNode = new HashMap<>();

    public IssuedTickets(MonotonicClock clock) {
        this(clock, DEFAULT_WINDOW, DEFAULT_MAX_REMEMBERED);
    }

    public IssuedTickets(MonotonicClock clock, Duration window, int maxRemembered) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("ticket window must be positive, not " + window);
        }
        if (maxRemembered < 1) {
            throw new IllegalArgumentException("maxRemembered must be at least 1, not " + maxRemembered);
        }
        this.windowNanos = window.toNanos();
        this.maxRemembered = maxRemembered;
    }

    /**
     * Notes that a session was just sent to {@code nodeId}: call it once the ticket is stored (or
     * the session kept here is registered), so that any view read after this call counts it.
     */
    public synchronized void record(long nodeId) {
        long now = clock.nanoTime();
        forgetWhile(s -> now - s.atNanos() >= windowNanos);
        if (sent.size() == maxRemembered) {
            forget(sent.removeFirst());
        }
        sent.addLast(new Sent(nodeId, now));
        perNode.merge(nodeId, 1, Integer::sum);
    }

    /**
     * A view whose read began at {@code readStartedNanos} (this clock, taken before the query)
     * has been installed: it counts every decision recorded before then.
     */
    public synchronized void viewRead(long readStartedNanos) {
        forgetWhile(s -> readStartedNanos - s.atNanos() > 0);
    }

    /** Sessions sent to {@code nodeId} since the last view read began (and within the window). */
    public synchronized int pendingFor(long nodeId) {
        long now = clock.nanoTime();
        forgetWhile(s -> now - s.atNanos() >= windowNanos);
        return perNode.getOrDefault(nodeId, 0);
    }

    private void forgetWhile(Predicate<Sent> stale) {
        while (!sent.isEmpty() && stale.test(sent.peekFirst())) {
            forget(sent.removeFirst());
        }
    }

    private void forget(Sent s) {
        perNode.computeIfPresent(s.nodeId(), (id, n) -> n == 1 ? null : n - 1);
    }
}
