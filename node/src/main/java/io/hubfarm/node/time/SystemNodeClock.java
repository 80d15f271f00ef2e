package io.hubfarm.node.time;

import java.time.Instant;

final class SystemNodeClock implements NodeClock {
    static final SystemNodeClock INSTANCE = new SystemNodeClock();

    private SystemNodeClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }
}
