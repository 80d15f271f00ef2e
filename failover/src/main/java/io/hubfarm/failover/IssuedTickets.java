package io.hubfarm.failover;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;

/**
 * The sessions an entry node has sent to each node since it last read its view of the cluster:
 * the part of a burst that no view can show yet.
 *
 * <p>The view an entry node reads every second must itself count, per node, the sessions on their
 * way that the node's last heartbeat does not show: tickets addressed to it and not yet consumed,
 * and sessions registered there after its last heartbeat (both by the database clock, so no two
 * machines' clocks are compared). That count covers every entry node's earlier decisions, once
 * they are written. So a decision is counted here from the moment it is taken ({@link #sending}),
 * which lets the logins an entry node is deciding at the same time see each other, until a view
 * whose read began after it was {@linkplain Sending#written() written} is installed
 * ({@link #viewRead(long)}); from then on the view counts it, and counting it here as well would
 * skew a burst towards whichever node happened to heartbeat first.
 *
 * <p>Record every decision, including sessions the entry node keeps for itself. Each record is
 * also forgotten after {@code window}, so a node whose view stopped refreshing (its database is
 * gone, and it issues no tickets then anyway), or a login that never reported its outcome, does
 * not count forever; at most {@code maxRemembered} are kept, the oldest forgotten first.
 * Thread-safe.
 */
public final class IssuedTickets {
    /** Well beyond one view refresh (a second): a bound, not the normal way records go. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);
    /** Far more sessions than a node is sent between two views; bounds memory under a flood. */
    public static final int DEFAULT_MAX_REMEMBERED = 65_536;

    /** One decision to send a session to a node, counted until a view shows it. */
    public final class Sending {
        private final long nodeId;
        private final long decidedAtNanos;
        private boolean written;
        private long writtenAtNanos;

        private Sending(long nodeId, long decidedAtNanos) {
            this.nodeId = nodeId;
            this.decidedAtNanos = decidedAtNanos;
        }

        /**
         * The ticket is stored (or the session kept here is registered): any view read that
         * begins after this call counts it.
         */
        public void written() {
            synchronized (IssuedTickets.this) {
                if (!written && pending.contains(this)) {
                    written = true;
                    writtenAtNanos = clock.nanoTime();
                }
            }
        }

        /** The session will not be sent after all (the login failed before its ticket or row was written). */
        public void withdrawn() {
            synchronized (IssuedTickets.this) {
                if (!written && pending.remove(this)) {
                    forget(this);
                }
            }
        }

        public long nodeId() {
            return nodeId;
        }
    }

    private final MonotonicClock clock;
    private final long windowNanos;
    private final int maxRemembered;
    private final LinkedHashSet<Sending> pending = new LinkedHashSet<>();
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
     * Notes that a session is being sent to {@code nodeId}: call it while taking the decision
     * (under the same lock), then report its outcome on the returned record.
     */
    public synchronized Sending sending(long nodeId) {
        long now = clock.nanoTime();
        forgetExpired(now);
        if (pending.size() == maxRemembered) {
            Iterator<Sending> oldest = pending.iterator();
            forget(oldest.next());
            oldest.remove();
        }
        Sending s = new Sending(nodeId, now);
        pending.add(s);
        perNode.merge(nodeId, 1, Integer::sum);
        return s;
    }

    /**
     * A view whose read began at {@code readStartedNanos} (this clock, taken before the query)
     * has been installed: it counts every decision written before then.
     */
    public synchronized void viewRead(long readStartedNanos) {
        for (Iterator<Sending> it = pending.iterator(); it.hasNext(); ) {
            Sending s = it.next();
            if (s.written && readStartedNanos - s.writtenAtNanos > 0) {
                forget(s);
                it.remove();
            }
        }
    }

    /** Sessions being sent, or sent, to {@code nodeId} that the last view read does not count. */
    public synchronized int pendingFor(long nodeId) {
        forgetExpired(clock.nanoTime());
        return perNode.getOrDefault(nodeId, 0);
    }

    private void forgetExpired(long now) {
        for (Iterator<Sending> it = pending.iterator(); it.hasNext(); ) {
            Sending s = it.next();
            if (now - s.decidedAtNanos < windowNanos) {
                return; // in the order decided: the rest are younger
            }
            forget(s);
            it.remove();
        }
    }

    private void forget(Sending s) {
        perNode.computeIfPresent(s.nodeId, (id, n) -> n == 1 ? null : n - 1);
    }
}
