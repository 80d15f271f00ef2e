package io.hubfarm.failover;

/**
 * The only time the coordination logic reads: monotonic nanoseconds from an arbitrary origin, so
 * only differences mean anything. Deadlines a node keeps for itself (lease step-down, self-fencing)
 * use it; anything compared between machines uses ages the database computed with its own clock.
 * A node passes {@code nodeClock::nanoTime}; tests pass a clock they advance by hand.
 */
@FunctionalInterface
public interface MonotonicClock {
    long nanoTime();
}
