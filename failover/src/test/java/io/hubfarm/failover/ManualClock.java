package io.hubfarm.failover;

import java.time.Duration;

/** A monotonic clock that moves only when a test moves it; starts far from zero to catch overflow slips. */
final class ManualClock implements MonotonicClock {
    private long nanos = Long.MAX_VALUE - Duration.ofDays(1).toNanos();

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    synchronized void advance(Duration d) {
        nanos += d.toNanos();
    }

    void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }
}
