package io.hubfarm.failover;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A dynamic hub's placement as the controller reads it for one sweep.
 *
 * @param emptyFor           how long the hub's instance has had no session, computed by the
 *                           database from {@code empty_since}; empty while it has sessions. A fresh
 *                           claim counts as empty from the claim, so a hub whose first client never
 *                           arrived is released too.
 * @param registeredSessions the hub's rows in the cluster session registry: while there are any,
 *                           the hub is not released as empty, whatever {@code empty_since} says
 */
public record PlacementReport(long hubId, long nodeId, long nodeIncarnation, Optional<Duration> emptyFor,
                              int registeredSessions) {
    public PlacementReport {
        Objects.requireNonNull(emptyFor, "emptyFor");
        if (registeredSessions < 0) {
            throw new IllegalArgumentException("registered sessions must not be negative, not " + registeredSessions);
        }
    }
}
