package io.hubfarm.schema.cluster;

/**
 * A node as an entry node reads it to place new sessions.
 *
 * @param onTheirWay sessions the node's last heartbeat does not show yet: tickets addressed to it
 *                   that are neither used nor expired, and sessions it registered after that
 *                   heartbeat (both by the database clock)
 */
public record NodeView(NodeRow row, int onTheirWay) {
}
