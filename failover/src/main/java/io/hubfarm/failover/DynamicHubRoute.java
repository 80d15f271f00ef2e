package io.hubfarm.failover;

import io.hubfarm.schema.hub.Placement;
import java.util.Objects;
import java.util.Optional;

/** Where a new session of a dynamic hub goes, as {@link DynamicHubPlacement} decides it. */
public sealed interface DynamicHubRoute {

    /** The hub runs on a live node: the session goes there. */
    record ToHolder(NodeCandidate holder) implements DynamicHubRoute {
        public ToHolder {
            Objects.requireNonNull(holder, "holder");
        }
    }

    /**
     * The hub runs nowhere (or on a node that is dead or restarted since, named by {@code stale}):
     * claim it for {@code target} with the placement's unique-keyed insert, after removing the
     * stale row only if it is still exactly that row. If the claim returns someone else's
     * placement, another entry node won: decide again with the winner's placement.
     */
    record Claim(NodeCandidate target, Optional<Placement> stale) implements DynamicHubRoute {
        public Claim {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(stale, "stale");
        }
    }

    /** No node can take the session: answer error 16, hub busy. */
    record Busy(String reason) implements DynamicHubRoute {
        public Busy {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
