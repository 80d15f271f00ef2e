package io.hubfarm.schema.session;

import java.time.Instant;

/** A row of the cluster-wide {@code sessions} table, with its hub's and node's names. */
public record SessionRow(long id, long hubId, String hubName, long nodeId, String nodeName, String sessionName,
                         String userName, String clientAddress, String clientHost, String protocol,
                         int tcpConnections, Instant startedAt, Instant updatedAt, long bytesIn, long bytesOut) {
}
