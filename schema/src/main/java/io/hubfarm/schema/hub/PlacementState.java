package io.hubfarm.schema.hub;

import java.time.Duration;
import java.util.Optional;

/**
 * A placement as the controller's sweep reads it.
 *
 * @param emptyFor           how long the holder has reported the hub empty, by the database clock;
 *                           empty while it has sessions
 * @param registeredSessions the hub's rows in the session registry
 */
public record PlacementState(long hubId, long nodeId, long nodeIncarnation, Optional<Duration> emptyFor,
                             int registeredSessions) {
}
