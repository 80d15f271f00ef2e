package io.hubfarm.failover;

import java.time.Duration;

/**
 * The controller lease's timing.
 *
 * @param ttl          how long a term lasts after each acquire or renewal, by the store's clock
 * @param renewEvery   how often the holder renews (default {@code ttl/3}, so two renewals can fail
 *                     before the holder steps down)
 * @param safetyMargin how much earlier than the lease's expiry the holder stops acting: covers its
 *                     clock running slower than the database's and a last write already in flight
 */
public record LeaseTiming(Duration ttl, Duration renewEvery, Duration safetyMargin) {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(6);

    public LeaseTiming {
        positive("lease ttl", ttl);
        positive("lease renewal interval", renewEvery);
        positive("lease safety margin", safetyMargin);
        if (renewEvery.plus(safetyMargin).compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("lease renewal interval (" + renewEvery.toMillis()
                    + " ms) plus safety margin (" + safetyMargin.toMillis() + " ms) must be shorter than the ttl ("
                    + ttl.toMillis() + " ms): the holder would step down before its first renewal");
        }
    }

    /** Renewal at {@code ttl/3}, stepping down {@code ttl/6} before expiry. */
    public static LeaseTiming of(Duration ttl) {
        positive("lease ttl", ttl);
        return new LeaseTiming(ttl, ttl.dividedBy(3), ttl.dividedBy(6));
    }

    /** ttl 6 s: renewal every 2 s, step-down 5 s after the last successful renewal began. */
    public static LeaseTiming defaults() {
        return of(DEFAULT_TTL);
    }

    /** How often to call {@link ControllerLease#tick()}: often enough to retry a failed renewal. */
    public Duration tickEvery() {
        return renewEvery.dividedBy(4);
    }

    /** How long after a successful call began the holder may still act as controller. */
    public Duration actingWindow() {
        return ttl.minus(safetyMargin);
    }

    private static void positive(String what, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + d);
        }
    }
}
