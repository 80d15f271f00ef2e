package io.hubfarm.failover;

import io.hubfarm.schema.cluster.NodeState;
import java.time.Duration;

/**
 * When a node counts as dead: it is not running, or its last heartbeat is older than
 * {@code dead_after} by the database clock. Entry nodes, the controller and the node itself must use
 * the same {@code dead_after}, so that what the controller reclaims, entry nodes also stop sending
 * to, and a node has fenced itself before either happens ({@link SelfFencing}).
 */
public record Liveness(Duration deadAfter) {
    /** The default {@code dead_after}: five missed one-second heartbeats. */
    public static final Duration DEFAULT_DEAD_AFTER = Duration.ofSeconds(5);

    public Liveness {
        if (deadAfter.isNegative() || deadAfter.isZero()) {
            throw new IllegalArgumentException("dead_after must be positive, not " + deadAfter);
        }
    }

    public static Liveness defaults() {
        return new Liveness(DEFAULT_DEAD_AFTER);
    }

    /**
     * @param heartbeatAge how long ago the node's last heartbeat was written, computed by the
     *                     database as {@code NOW(3) - last_heartbeat}
     */
    public boolean isAlive(NodeState state, Duration heartbeatAge) {
        return state.isRunning() && heartbeatAge.compareTo(deadAfter) <= 0;
    }

    /** A running node whose heartbeat stopped: the controller declares it dead. */
    public boolean isOverdue(NodeState state, Duration heartbeatAge) {
        return state.isRunning() && heartbeatAge.compareTo(deadAfter) > 0;
    }
}
