package io.hubfarm.node.e2e;

import io.hubfarm.node.time.NodeClock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A point in monotonic time, and polling against it. The lab never sleeps to let something happen:
 * it probes the condition itself (a port listens, a status row says established) until it holds or
 * the deadline passes, then fails with the diagnostics of the last probe.
 */
public final class Deadline {
    private static final NodeClock CLOCK = NodeClock.system();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    public static Deadline after(Duration within) {
        return new Deadline(CLOCK.nanoTime() + within.toNanos());
    }

    public boolean passed() {
        return CLOCK.nanoTime() - endNanos >= 0;
    }

    public Duration remaining() {
        long left = endNanos - CLOCK.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Elapsed time since a {@link NodeClock#nanoTime()} reading, for reports. */
    public static Duration since(long startNanos) {
        return Duration.ofNanos(CLOCK.nanoTime() - startNanos);
    }

    public static long nanoTime() {
        return CLOCK.nanoTime();
    }

    /** Probes until the probe yields a value; fails with {@code diagnostics} after {@code within}. */
    public static <T> T await(String what, Duration within, Supplier<Optional<T>> probe, Supplier<String> diagnostics) {
        Deadline deadline = after(within);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (deadline.passed()) {
                throw new LabException("timed out after " + within + " waiting for " + what + "\n" + diagnostics.get());
            }
            pause(deadline);
        }
    }

    public static void await(String what, Duration within, BooleanSupplier condition, Supplier<String> diagnostics) {
        await(what, within, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), diagnostics);
    }

    private static void pause(Deadline deadline) {
        Duration nap = deadline.remaining().compareTo(POLL_INTERVAL) < 0 ? deadline.remaining() : POLL_INTERVAL;
        try {
            Thread.sleep(nap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while polling", e);
        }
    }
}
