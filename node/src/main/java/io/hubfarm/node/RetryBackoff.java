package io.hubfarm.node;

import java.time.Duration;

/**
 * When a failing duty tries again: after its normal interval at first, then twice as long after each
 * further failure, up to a ceiling, so that a node does not hammer a database that is coming back
 * (every node of the cluster retries at once). Success resets it. Not thread-safe: one per duty.
 */
final class RetryBackoff {
    private final long intervalNanos;
    private final long ceilingNanos;
    private long delayNanos;
    private long notBeforeNanos;

    RetryBackoff(Duration interval, Duration ceiling) {
        this.intervalNanos = interval.toNanos();
        this.ceilingNanos = Math.max(intervalNanos, ceiling.toNanos());
    }

    /** Whether the duty should run at {@code nowNanos}. */
    boolean due(long nowNanos) {
        return delayNanos == 0 || nowNanos - notBeforeNanos >= 0;
    }

    void succeeded() {
        delayNanos = 0;
    }

    void failed(long nowNanos) {
        delayNanos = delayNanos == 0 ? intervalNanos : Math.min(ceilingNanos, delayNanos * 2);
        notBeforeNanos = nowNanos + delayNanos;
    }

    /** The current wait after a failure, for the log. */
    Duration delay() {
        return Duration.ofNanos(delayNanos);
    }
}
