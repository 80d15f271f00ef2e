package io.hubfarm.failover;

import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.cluster.NodeState;
import java.util.Objects;

/**
 * One node as an entry node sees it when it decides where a new session belongs: its load as the
 * entry node's view of the cluster shows it, plus the sessions this entry node sent there since it
 * read that view.
 *
 * @param nodeId         the node's id
 * @param incarnation    the node's incarnation, which a placement claim records
 * @param name           for logs
 * @param sessions       sessions the view shows: those in the node's last heartbeat plus those the
 *                       database counted as on their way when the view was read (tickets addressed
 *                       to it and not yet consumed, sessions registered after that heartbeat)
 * @param maxSessions    its limit
 * @param weight         its weight (0 means {@value Points#DEFAULT_WEIGHT})
 * @param controllerOnly flagged to take no sessions while it is the controller
 * @param holdsLease     it holds the controller lease now
 * @param alive          running and heard from within {@code dead_after}: the rule the controller
 *                       declares nodes dead by ({@link Liveness})
 * @param accepting      {@link NodeState#ONLINE}: neither starting nor draining, so it may get new
 *                       sessions
 * @param pendingTickets sessions this entry node sent there since it read the view
 *                       ({@link IssuedTickets})
 */
public record NodeCandidate(long nodeId, long incarnation, String name, int sessions, int maxSessions, int weight,
                            boolean controllerOnly, boolean holdsLease, boolean alive, boolean accepting,
                            int pendingTickets) {
    public NodeCandidate {
        Objects.requireNonNull(name, "name");
        if (pendingTickets < 0) {
            throw new IllegalArgumentException("pending tickets must not be negative, not " + pendingTickets);
        }
        Points.isFull(sessions, maxSessions); // validates both
        Points.effectiveWeight(weight);
    }

    /**
     * The candidate for a {@code nodes} row, whose heartbeat age the database computed with its own
     * clock.
     *
     * @param onTheirWay what the view read alongside the row: tickets addressed to the node and not
     *                   yet consumed, plus sessions registered there after its last heartbeat
     */
    public static NodeCandidate from(NodeRow row, int onTheirWay, Liveness liveness, boolean holdsLease,
                                     int pendingTickets) {
        if (onTheirWay < 0) {
            throw new IllegalArgumentException("sessions on their way must not be negative, not " + onTheirWay);
        }
        int sessions = (int) Math.min(Integer.MAX_VALUE, (long) row.sessions() + onTheirWay);
        return new NodeCandidate(row.id(), row.incarnation(), row.name(), sessions, row.maxSessions(),
                row.weight(), row.controllerOnly(), holdsLease, liveness.isAlive(row.state(), row.heartbeatAge()),
                row.state() == NodeState.ONLINE, pendingTickets);
    }

    /** The sessions the node will have once those on their way arrive. */
    public int expectedSessions() {
        return (int) Math.min(Integer.MAX_VALUE, (long) sessions + pendingTickets);
    }

    /** Points counting the sessions on their way. */
    public int points() {
        return Points.of(expectedSessions(), maxSessions, weight);
    }

    /** At its limit, counting the sessions on their way. */
    public boolean isFull() {
        return Points.isFull(expectedSessions(), maxSessions);
    }

    /** Whether a new session may be sent here at all. */
    public boolean takesSessions() {
        return alive && accepting && !isFull() && !(controllerOnly && holdsLease);
    }

    /** The same node with one more session on its way (what choosing it does to the view). */
    public NodeCandidate withOneMorePending() {
        return new NodeCandidate(nodeId, incarnation, name, sessions, maxSessions, weight, controllerOnly, holdsLease,
                alive, accepting, pendingTickets + 1);
    }
}
