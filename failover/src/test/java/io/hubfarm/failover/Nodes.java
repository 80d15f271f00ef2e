package io.hubfarm.failover;

import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.cluster.NodeState;
import java.time.Duration;
import java.time.Instant;

/** Test data: cluster members as candidates and as rows. */
final class Nodes {
    private Nodes() {
    }

    static NodeCandidate candidate(long id, int sessions, int weight) {
        return new NodeCandidate(id, 1, "node-" + id, sessions, 4096, weight, false, false, true, true, 0);
    }

    static NodeCandidate candidate(long id, int sessions, int maxSessions, int weight) {
        return new NodeCandidate(id, 1, "node-" + id, sessions, maxSessions, weight, false, false, true, true, 0);
    }

    static NodeCandidate dead(NodeCandidate c) {
        return new NodeCandidate(c.nodeId(), c.incarnation(), c.name(), c.sessions(), c.maxSessions(), c.weight(),
                c.controllerOnly(), c.holdsLease(), false, c.accepting(), c.pendingTickets());
    }

    static NodeCandidate draining(NodeCandidate c) {
        return new NodeCandidate(c.nodeId(), c.incarnation(), c.name(), c.sessions(), c.maxSessions(), c.weight(),
                c.controllerOnly(), c.holdsLease(), c.alive(), false, c.pendingTickets());
    }

    static NodeCandidate controllerOnly(NodeCandidate c, boolean holdsLease) {
        return new NodeCandidate(c.nodeId(), c.incarnation(), c.name(), c.sessions(), c.maxSessions(), c.weight(),
                true, holdsLease, c.alive(), c.accepting(), c.pendingTickets());
    }

    static NodeCandidate incarnation(NodeCandidate c, long incarnation) {
        return new NodeCandidate(c.nodeId(), incarnation, c.name(), c.sessions(), c.maxSessions(), c.weight(),
                c.controllerOnly(), c.holdsLease(), c.alive(), c.accepting(), c.pendingTickets());
    }

    static NodeCandidate pending(NodeCandidate c, int pending) {
        return new NodeCandidate(c.nodeId(), c.incarnation(), c.name(), c.sessions(), c.maxSessions(), c.weight(),
                c.controllerOnly(), c.holdsLease(), c.alive(), c.accepting(), pending);
    }

    static NodeRow row(long id, NodeState state, Duration heartbeatAge, int sessions, int weight) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        return new NodeRow(id, "node-" + id, "0.0.0.0:443", "node" + id + ".example", "443", weight, 4096, false,
                state, 3, "test", t, t, heartbeatAge, sessions, sessions, 0, 0, 1, 1, 0, t, t);
    }

    static NodeReport report(long id, long incarnation, NodeState state, Duration heartbeatAge) {
        return new NodeReport(id, incarnation, state, heartbeatAge, 10, 4096, 100);
    }
}
