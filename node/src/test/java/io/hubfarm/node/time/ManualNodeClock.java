package io.hubfarm.node.time;

import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when a test says so. */
public final class ManualNodeClock implements NodeClock {
    private long nanos = 1_000_000_000L;
    private Instant wall = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return wall;
    }

    public synchronized void advance(Duration d) {
        nanos += d.toNanos();
        wall = wall.plus(d);
    }
}
