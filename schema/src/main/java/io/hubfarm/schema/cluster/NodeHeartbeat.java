package io.hubfarm.schema.cluster;

/**
 * A node's load and its view of its own database connection, written every heartbeat.
 *
 * @param reconnected true on the first heartbeat after the node had lost the database: the
 *                    database then records NOW(3) as the start of the current connection
 */
public record NodeHeartbeat(int sessions, int tcpConnections, int dynamicHubs,
                            long dbConnectAttempts, long dbConnectSuccesses, long dbConnectFailures,
                            boolean reconnected) {
}
