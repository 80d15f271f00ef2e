package io.hubfarm.node.cluster;

import io.hubfarm.failover.MonotonicClock;
import io.hubfarm.failover.SelfFencing;
import io.hubfarm.schema.SqlFailures;
import io.hubfarm.schema.cluster.NodeHeartbeat;
import io.hubfarm.schema.cluster.NodeRegistration;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's row in {@code nodes}: registered at start, heartbeated every interval with the
 * database clock, marked offline at a clean stop. A lost database is logged once and retried on the
 * next beat; a row taken over by a newer incarnation (this node was declared dead meanwhile) is
 * registered again.
 */
public final class Membership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    private final NodeRepository nodes;
    private final NodeRegistration registration;
    private final Duration interval;
    private final Duration deadAfter;
    private final DatabaseConnectionStats stats = new DatabaseConnectionStats();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("heartbeat").daemon().unstarted(r));
    private volatile NodeRow self;
    private volatile Supplier<NodeLoad> load = () -> NodeLoad.IDLE;
    private volatile Runnable afterRegisteringAgain = () -> { };
    private final SelfFencing fencing;
    private final MonotonicClock clock;

    /**
     * @param fencing told of every heartbeat the database confirmed for this process, and when the
     *                row turned out to belong to a newer one
     */
    public Membership(NodeRepository nodes, NodeRegistration registration, Duration interval, Duration deadAfter,
                      SelfFencing fencing, MonotonicClock clock) {
        this.fencing = fencing;
        this.clock = clock;
        this.nodes = nodes;
        this.registration = registration;
        this.interval = interval;
        this.deadAfter = deadAfter;
    }

    /** Registers the node (failing if a live node has its name) and starts heartbeating. */
    public NodeRow start() {
        long started = clock.nanoTime();
        self = nodes.register(registration, deadAfter);
        fencing.heartbeatConfirmed(started);
        scheduler.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return self;
    }

    /** Run after this node was declared dead and registered anew (e.g. to write its session rows again). */
    public void afterRegisteringAgain(Runnable action) {
        this.afterRegisteringAgain = action;
    }

    /** Where each heartbeat reads the node's current sessions and connections from. */
    public void reportLoadFrom(Supplier<NodeLoad> source) {
        this.load = source;
    }

    public NodeRow self() {
        return self;
    }

    private void beat() {
        if (beatOnce()) {
            // A beat that waited for the database (it came back during the call) proves only that the
            // node was alive when the call began, which may be too long ago to lift self-fencing:
            // beat again at once rather than keep dynamic hubs refused for another interval.
            beatOnce();
        }
    }

    /** One heartbeat; true if it was confirmed but took longer than the interval. */
    private boolean beatOnce() {
        NodeRow me = self;
        boolean reconnecting = stats.beginAttempt();
        long started = clock.nanoTime();
        try {
            // Counters are those before this beat's outcome; the next beat reports it.
            NodeLoad now = load.get();
            NodeHeartbeat hb = new NodeHeartbeat(now.sessions(), now.tcpConnections(), now.dynamicHubs(), stats.attempts(), stats.successes(), stats.failures(),
                    reconnecting);
            boolean ours = nodes.heartbeat(me.id(), me.incarnation(), hb);
            stats.succeeded();
            if (ours) {
                fencing.heartbeatConfirmed(started);
            } else {
                fencing.fenceNow();
            }
            if (reconnecting) {
                log.info("Database reachable again: heartbeats resumed");
            }
            if (!ours) {
                log.warn("Node row '{}' (incarnation {}) is no longer this process's: registering again",
                        me.name(), me.incarnation());
                long again = clock.nanoTime();
                self = nodes.register(registration, deadAfter);
                fencing.heartbeatConfirmed(again);
                log.info("Registered again as incarnation {}", self.incarnation());
                afterRegisteringAgain.run();
            }
            return ours && clock.nanoTime() - started > interval.toNanos();
        } catch (RuntimeException e) {
            if (stats.failed()) {
                log.warn("Heartbeat failed, database unreachable: {} (retrying every {} ms)",
                        SqlFailures.rootMessage(e), interval.toMillis());
            }
            return false;
        }
    }

    /** Stops heartbeating and marks the node offline at once. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        NodeRow me = self;
        if (me != null) {
            try {
                nodes.markOffline(me.id(), me.incarnation());
            } catch (RuntimeException e) {
                log.warn("Could not mark node '{}' offline: {}; it will be declared dead when its heartbeat ages",
                        me.name(), SqlFailures.rootMessage(e));
            }
        }
    }

}
