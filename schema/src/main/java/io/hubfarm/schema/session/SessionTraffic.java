package io.hubfarm.schema.session;

/** A session's counters as its node publishes them periodically. */
public record SessionTraffic(long id, long bytesIn, long bytesOut, int tcpConnections) {
}
