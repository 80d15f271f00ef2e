package io.hubfarm.failover;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's side of the controller election (design.md section 2). A node calls {@link #tick()}
 * every {@link LeaseTiming#tickEvery()} from one thread: while it follows, each tick tries to take
 * the lease; while it holds it, a tick renews it once {@link LeaseTiming#renewEvery()} has passed
 * since the last renewal began, and retries on every tick while a renewal fails.
 *
 * <p>The holder keeps its own deadline on its monotonic clock: the start of its last successful
 * acquire or renewal plus {@code ttl - safetyMargin}. The store set the lease's expiry to its own
 * {@code NOW + ttl} at some instant after that start, so the deadline always falls at least the
 * safety margin before the lease can expire. {@link #isController()} reads the deadline itself:
 * a holder whose renewal hangs on an unreachable database stops acting as controller on time even
 * though no tick returns. A renewal that throws counts as missed; one the store refuses ends the
 * term at once.
 *
 * <p>Every controller write carries {@link #epoch()} and is conditional on it still being the
 * lease's epoch. Reads are lock-free and safe from any thread.
 */
public final class ControllerLease {
    /** What a tick did, for the caller's logs and metrics. */
    public enum Event {
        /** Following, and the lease is held by another node. */
        FOLLOWING,
        /** Following, and the store could not be reached. */
        ACQUIRE_FAILED,
        /** A new term began: {@link #epoch()} has its epoch. */
        ACQUIRED,
        /** Holding, no renewal due yet. */
        HOLDING,
        /** Holding, and the term was extended. */
        RENEWED,
        /** Holding, but the renewal could not reach the store: retried on the next tick. */
        RENEWAL_FAILED,
        /** The store says the term is over (expired or taken): following again. */
        LOST,
        /** The deadline passed without a successful renewal: following again. */
        STEPPED_DOWN,
        /** {@link #stop()} was called. */
        STOPPED
    }

    private sealed interface State {
    }

    private record Following() implements State {
    }

    private record Holding(long epoch, long renewedAtNanos, long deadlineNanos) implements State {
    }

    private record Stopped() implements State {
    }

    private static final State FOLLOWING = new Following();
    private static final State STOPPED = new Stopped();

    private final long nodeId;
    private final LeaseStore store;
    private final MonotonicClock clock;
    private final LeaseTiming timing;
    private final AtomicReference<State> state = new AtomicReference<>(FOLLOWING);
    private volatile RuntimeException lastStoreFailure;

    public ControllerLease(long nodeId, LeaseStore store, MonotonicClock clock, LeaseTiming timing) {
        this.nodeId = nodeId;
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    /** Acquires, renews or steps down as due. Call from one thread only. */
    public Event tick() {
        State before = state.get();
        long now = clock.nanoTime();
        return switch (before) {
            case Stopped _ -> Event.STOPPED;
            case Following _ -> tryAcquire(before);
            case Holding h when now - h.deadlineNanos() >= 0 -> stepDown(h, Event.STEPPED_DOWN);
            case Holding h when now - h.renewedAtNanos() >= timing.renewEvery().toNanos() -> renew(h);
            case Holding _ -> Event.HOLDING;
        };
    }

    private Event tryAcquire(State before) {
        long start = clock.nanoTime();
        OptionalLong epoch;
        try {
            epoch = store.tryAcquire(nodeId, timing.ttl());
        } catch (RuntimeException e) {
            lastStoreFailure = e;
            return Event.ACQUIRE_FAILED;
        }
        if (epoch.isEmpty()) {
            return Event.FOLLOWING;
        }
        Holding term = term(epoch.getAsLong(), start);
        if (!state.compareAndSet(before, term)) {
            // stop() ran while we were acquiring: give the new term straight back.
            releaseQuietly(term.epoch());
            return Event.STOPPED;
        }
        return Event.ACQUIRED;
    }

    private Event renew(Holding h) {
        long start = clock.nanoTime();
        boolean extended;
        try {
            extended = store.renew(nodeId, h.epoch(), timing.ttl());
        } catch (RuntimeException e) {
            lastStoreFailure = e;
            return Event.RENEWAL_FAILED;
        }
        if (!extended) {
            return stepDown(h, Event.LOST);
        }
        Holding renewed = term(h.epoch(), start);
        if (!state.compareAndSet(h, renewed)) {
            return Event.STOPPED; // stop() released the term meanwhile
        }
        // A renewal whose answer came back too late must not revive the term: its deadline counts
        // from when it began, so it may already be past.
        return clock.nanoTime() - renewed.deadlineNanos() >= 0 ? stepDown(renewed, Event.STEPPED_DOWN)
                : Event.RENEWED;
    }

    private Event stepDown(Holding h, Event why) {
        return state.compareAndSet(h, FOLLOWING) ? why : Event.STOPPED;
    }

    private Holding term(long epoch, long startNanos) {
        return new Holding(epoch, startNanos, startNanos + timing.actingWindow().toNanos());
    }

    /** True while this node holds the lease and its own deadline has not passed. */
    public boolean isController() {
        return epoch().isPresent();
    }

    /** The fencing token of the current term, while this node may act as controller. */
    public OptionalLong epoch() {
        if (state.get() instanceof Holding h && clock.nanoTime() - h.deadlineNanos() < 0) {
            return OptionalLong.of(h.epoch());
        }
        return OptionalLong.empty();
    }

    /** The last error the store threw, for a log line; empty if it never threw. */
    public Optional<RuntimeException> lastStoreFailure() {
        return Optional.ofNullable(lastStoreFailure);
    }

    /**
     * Stops taking part and gives up a held term at once, so another node need not wait for it to
     * expire. Idempotent; safe from any thread, also while a tick is running.
     */
    public void stop() {
        State before = state.getAndSet(STOPPED);
        if (before instanceof Holding h) {
            releaseQuietly(h.epoch());
        }
    }

    private void releaseQuietly(long epoch) {
        try {
            store.release(nodeId, epoch);
        } catch (RuntimeException e) {
            // The term simply expires: nobody else waits longer than the ttl.
            lastStoreFailure = e;
        }
    }
}
