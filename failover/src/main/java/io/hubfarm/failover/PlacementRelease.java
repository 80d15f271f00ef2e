package io.hubfarm.failover;

import java.util.Objects;

/**
 * A placement the controller removes. The removal must be conditional on the row still naming the
 * same node and incarnation (and, for {@link Reason#EMPTY}, on the hub still being empty past the
 * grace period), so that a claim made after the sweep read the row is never undone.
 */
public record PlacementRelease(long hubId, long nodeId, long nodeIncarnation, Reason reason) {
    public enum Reason {
        /** The holder is declared dead, stopped, or overdue. */
        HOLDER_DEAD,
        /** The holder's name was registered again by a new process, which does not run the instance. */
        HOLDER_RESTARTED,
        /** The holder's row is gone. */
        HOLDER_GONE,
        /** The hub has had no session for longer than the grace period. */
        EMPTY
    }

    public PlacementRelease {
        Objects.requireNonNull(reason, "reason");
    }

    static PlacementRelease of(PlacementReport p, Reason reason) {
        return new PlacementRelease(p.hubId(), p.nodeId(), p.nodeIncarnation(), reason);
    }
}
