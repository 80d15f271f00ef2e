package io.hubfarm.schema.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * A row of {@code nodes}. {@code heartbeatAge} is computed by the database against its own clock,
 * so liveness never compares two machines' clocks.
 */
public record NodeRow(long id, String name, String listenAddresses, String publicHost, String publicPorts,
                      int weight, int maxSessions, boolean controllerOnly, NodeState state, long incarnation,
                      String softwareVersion, Instant startedAt, Instant lastHeartbeat, Duration heartbeatAge,
                      int sessions, int tcpConnections, int dynamicHubs, int points,
                      long dbConnectAttempts, long dbConnectSuccesses, long dbConnectFailures,
                      Instant dbFirstConnectedAt, Instant dbCurrentConnectedAt) {

    /** Running and heard from within {@code deadAfter}. */
    public boolean isLive(Duration deadAfter) {
        return state.isRunning() && heartbeatAge.compareTo(deadAfter) <= 0;
    }
}
