package io.hubfarm.node.time;

import java.time.Instant;

/**
 * The one source of time inside a node. Durations (timeouts, ageing, keep-alive schedules) use
 * the monotonic reading; {@link #now()} is only for what a human reads (logs, status output).
 * Anything compared across nodes uses the database's clock instead, never this one.
 */
public interface NodeClock {
    /** Monotonic nanoseconds from an arbitrary origin; only differences mean anything. */
    long nanoTime();

    /** Wall-clock time, for display only. */
    Instant now();

    default long millisSince(long nanoTimeThen) {
        return (nanoTime() - nanoTimeThen) / 1_000_000L;
    }

    static NodeClock system() {
        return SystemNodeClock.INSTANCE;
    }
}
