package io.hubfarm.node;

import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.SqlFailures;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's small background duties (refresh the hub snapshot, publish session traffic, ...), each
 * a named task on one scheduler thread. A failing duty is logged when it starts failing and when it
 * recovers, not every time, so a database outage does not flood the log, and it is retried with a
 * growing delay up to {@link #RETRY_CEILING}, so a recovering database is not hammered by every node.
 */
public final class NodeDuties implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeDuties.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("node-duties").daemon().unstarted(r));

    /** The longest wait between two attempts of a failing duty. */
    static final Duration RETRY_CEILING = Duration.ofSeconds(5);

    private final NodeClock clock;

    public NodeDuties() {
        this(NodeClock.system());
    }

    public NodeDuties(NodeClock clock) {
        this.clock = clock;
    }

    public void every(Duration interval, String name, Runnable duty) {
        AtomicBoolean failing = new AtomicBoolean();
        RetryBackoff backoff = new RetryBackoff(interval, RETRY_CEILING);
        scheduler.scheduleWithFixedDelay(() -> {
            if (!backoff.due(clock.nanoTime())) {
                return;
            }
            try {
                duty.run();
                backoff.succeeded();
                if (failing.compareAndSet(true, false)) {
                    log.info("Duty '{}' works again", name);
                }
            } catch (RuntimeException e) {
                backoff.failed(clock.nanoTime());
                if (failing.compareAndSet(false, true)) {
                    log.warn("Duty '{}' failed: {} (retrying with a growing delay up to {} s; logged again when it "
                            + "recovers)", name, SqlFailures.rootMessage(e), RETRY_CEILING.toSeconds());
                }
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
