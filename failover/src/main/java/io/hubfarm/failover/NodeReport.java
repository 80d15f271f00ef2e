package io.hubfarm.failover;

import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.cluster.NodeState;
import java.time.Duration;
import java.util.Objects;

/**
 * What the controller reads about a node for one sweep: its state and incarnation (so a write
 * about it can be made conditional on both), the age of its last heartbeat as the database
 * computed it, and its load.
 */
public record NodeReport(long nodeId, long incarnation, NodeState state, Duration heartbeatAge,
                         int sessions, int maxSessions, int weight) {
    public NodeReport {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(heartbeatAge, "heartbeatAge");
        Points.isFull(sessions, maxSessions); // validates both
        Points.effectiveWeight(weight);
    }

    public static NodeReport from(NodeRow row) {
        return new NodeReport(row.id(), row.incarnation(), row.state(), row.heartbeatAge(), row.sessions(),
                row.maxSessions(), row.weight());
    }
}
