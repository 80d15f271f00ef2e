package io.hubfarm.schema.bridge;

import java.time.Instant;

/**
 * A row of {@code local_bridges} with the names of its node and hub.
 *
 * @param device  the adapter's name; in TAP mode the name the node gives the TAP device it creates
 * @param error   why the bridge is not running, empty unless {@code state} is ERROR
 * @param updated when the node last changed the state or counters (database clock)
 */
public record LocalBridge(long id, long nodeId, String nodeName, long hubId, String hubName, String device,
                          boolean tapMode, BridgeState state, String error, BridgeCounters counters,
                          Instant updated) {
}
