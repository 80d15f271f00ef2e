package io.hubfarm.schema.cluster;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The controller lease as the database sees it now.
 *
 * @param holderId  the node holding it, empty if nobody does
 * @param epoch     the fencing token: grows by one with every new term
 * @param remaining how long until it expires, by the database clock (negative once expired)
 */
public record Lease(OptionalLong holderId, long epoch, Duration remaining) {
    public boolean isHeldBy(long nodeId) {
        return holderId.isPresent() && holderId.getAsLong() == nodeId && !remaining.isNegative();
    }
}
