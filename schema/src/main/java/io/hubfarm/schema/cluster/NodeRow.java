package io.hubfarm.schema.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    /** The host of the first listen address, without an IPv6 address's brackets. */
    public String firstListenHost() {
        String first = listenAddresses.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        String host = colon > 0 ? first.substring(0, colon) : first;
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The public ports; an entry that is not a number (a row written by hand) is skipped, the others still count. */
    public List<Integer> publicPortList() {
        List<Integer> ports = new ArrayList<>();
        for (String p : publicPorts.split(",")) {
            try {
                ports.add(Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                // blank or hand-written: skipped
            }
        }
        return ports;
    }

    /** Running and heard from within {@code deadAfter}. */
    public boolean isLive(Duration deadAfter) {
        return state.isRunning() && heartbeatAge.compareTo(deadAfter) <= 0;
    }
}
