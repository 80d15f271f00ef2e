package io.hubfarm.node.cluster;

import io.hubfarm.failover.ControllerLease;
import io.hubfarm.failover.LeaseTiming;
import io.hubfarm.failover.MonotonicClock;
import io.hubfarm.failover.db.SweepRunner;
import io.hubfarm.schema.SqlFailures;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in the controller election, on its own thread: ticks the lease every
 * {@link LeaseTiming#tickEvery()} and, while this node is the controller, runs the sweep every
 * {@code sweepEvery} under the current epoch. Stopping releases a held lease at once.
 */
public final class ControllerRole implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControllerRole.class);

    private final ControllerLease lease;
    private final SweepRunner sweep;
    private final LeaseTiming timing;
    private final MonotonicClock clock;
    private final long sweepEveryNanos;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("controller").daemon().unstarted(r));
    private long lastSweepNanos;
    /** Since when this node has reached the database without a failure, as controller. */
    private long observingSinceNanos;
    private boolean sweepFailing;

    public ControllerRole(ControllerLease lease, SweepRunner sweep, LeaseTiming timing, Duration sweepEvery,
                          MonotonicClock clock) {
        this.lease = lease;
        this.clock = clock;
        this.sweep = sweep;
        this.timing = timing;
        this.sweepEveryNanos = sweepEvery.toNanos();
    }

    public ControllerRole start() {
        long every = timing.tickEvery().toMillis();
        thread.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        try {
            ControllerLease.Event event = lease.tick();
            if (event == ControllerLease.Event.ACQUIRED || event == ControllerLease.Event.RENEWAL_FAILED) {
                observingSinceNanos = clock.nanoTime();
            }
            switch (event) {
                case ACQUIRED -> log.info("This node is now the cluster controller (epoch {})",
                        lease.epoch().orElse(-1));
                case LOST -> log.warn("Controller lease lost: another node holds it now");
                case STEPPED_DOWN -> log.warn("Stepped down as controller: the lease could not be renewed in time ({})",
                        lease.lastStoreFailure().map(SqlFailures::rootMessage).orElse("no answer"));
                default -> {
                }
            }
            OptionalLong epoch = lease.epoch();
            long now = clock.nanoTime();
            if (epoch.isPresent() && (event == ControllerLease.Event.ACQUIRED || now - lastSweepNanos >= sweepEveryNanos)) {
                lastSweepNanos = now;
                runSweep(epoch.getAsLong());
            }
        } catch (RuntimeException e) {
            log.error("Controller tick failed: {}", e.toString(), e);
        }
    }

    private void runSweep(long epoch) {
        try {
            sweep.run(epoch, Duration.ofNanos(clock.nanoTime() - observingSinceNanos));
            if (sweepFailing) {
                sweepFailing = false;
                log.info("Controller sweep works again");
            }
        } catch (RuntimeException e) {
            observingSinceNanos = clock.nanoTime();
            if (!sweepFailing) {
                sweepFailing = true;
                log.warn("Controller sweep failed: {} (retried every second; logged again when it recovers)",
                        SqlFailures.rootMessage(e));
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lease.stop();
    }
}
