package io.hubfarm.failover;

import io.hubfarm.schema.hub.Placement;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule for a session of a dynamic hub, whose single instance runs on at most one node
 * (design.md section 2): the node holding the hub's placement takes it, if that node is alive and
 * still the same process that claimed it; otherwise the hub is claimed for the node
 * {@link SessionPlacement} chooses. A live holder that is full or draining makes the session wait
 * (hub busy) rather than start a second instance: the hub moves only once its placement is
 * released.
 *
 * <p>A holder's liveness is judged with the same {@code dead_after} as the controller's, and a
 * holder stops its own instances before it can be judged dead ({@link SelfFencing}), so replacing
 * a dead holder's placement never leaves two instances running.
 */
public final class DynamicHubPlacement {
    private final SessionPlacement choice;

    public DynamicHubPlacement(SessionPlacement choice) {
        this.choice = Objects.requireNonNull(choice, "choice");
    }

    /**
     * @param current    the hub's placement row, if there is one
     * @param candidates the entry node's view of the cluster
     */
    public DynamicHubRoute route(Optional<Placement> current, Collection<NodeCandidate> candidates) {
        if (current.isPresent()) {
            Placement p = current.get();
            Optional<NodeCandidate> holder = candidates.stream().filter(c -> c.nodeId() == p.nodeId()).findFirst();
            if (holder.isPresent() && holds(holder.get(), p)) {
                // The one instance is there, so the session cannot go anywhere else. A controller-
                // only node that became controller after claiming the hub still serves it for the
                // same reason; it takes no new hubs.
                NodeCandidate h = holder.get();
                if (!h.accepting()) {
                    return new DynamicHubRoute.Busy(
                            "the node running the hub, " + h.name() + ", takes no new sessions");
                }
                return h.isFull() ? new DynamicHubRoute.Busy("the node running the hub, " + h.name() + ", is full")
                        : new DynamicHubRoute.ToHolder(h);
            }
        }
        return choice.choose(candidates)
                .<DynamicHubRoute>map(target -> new DynamicHubRoute.Claim(target, current))
                .orElseGet(() -> new DynamicHubRoute.Busy("no node takes sessions"));
    }

    private static boolean holds(NodeCandidate node, Placement p) {
        return node.alive() && node.incarnation() == p.nodeIncarnation();
    }
}
