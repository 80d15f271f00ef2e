package io.hubfarm.node.cluster;

import io.hubfarm.failover.DynamicHubPlacement;
import io.hubfarm.failover.DynamicHubRoute;
import io.hubfarm.failover.IssuedTickets;
import io.hubfarm.failover.Liveness;
import io.hubfarm.failover.NodeCandidate;
import io.hubfarm.failover.SelfFencing;
import io.hubfarm.failover.SessionPlacement;
import io.hubfarm.node.session.ClusterPlacement;
import io.hubfarm.node.session.ClusterPlacement.Sending;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.Placement;
import io.hubfarm.schema.hub.PlacementRepository;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intake's placement of new sessions on a cluster (design.md section 2): a static hub's session goes
 * to the node with the most points, a dynamic hub's to the node holding its placement, claimed for
 * the node with the most points if nobody holds it. Decisions are serialised, and each is counted
 * as it is taken, so that each one sees the sessions the previous ones are sending.
 */
public final class SessionRouter implements ClusterPlacement {
    private static final Logger log = LoggerFactory.getLogger(SessionRouter.class);
    private static final int CLAIM_ATTEMPTS = 3;

    private final ClusterView view;
    private final PlacementRepository placements;
    private final Supplier<NodeRow> self;
    private final SelfFencing fencing;
    private final SessionPlacement choice;
    private final DynamicHubPlacement dynamic;
    private final Liveness liveness;

    public SessionRouter(ClusterView view, PlacementRepository placements, Supplier<NodeRow> self, SelfFencing fencing,
                         Liveness liveness) {
        this.view = view;
        this.liveness = liveness;
        this.placements = placements;
        this.self = self;
        this.fencing = fencing;
        this.choice = new SessionPlacement(self.get().id()); // a node's id survives its re-registration
        this.dynamic = new DynamicHubPlacement(choice);
    }

    @Override
    public synchronized Destination place(Hub hub) {
        List<NodeCandidate> candidates = view.candidates();
        return hub.type() == HubType.DYNAMIC ? placeDynamic(hub, candidates) : placeStatic(candidates);
    }

    private Destination placeStatic(List<NodeCandidate> candidates) {
        Optional<NodeCandidate> target = choice.choose(candidates);
        if (target.isEmpty()) {
            return candidates.isEmpty() ? new Destination.Here(Sending.UNCOUNTED) // no view yet: nothing to count against
                    : new Destination.Busy("every node of the cluster is full, stopping or a controller-only controller");
        }
        return to(target.get(), true);
    }

    private Destination placeDynamic(Hub hub, List<NodeCandidate> candidates) {
        Optional<Placement> current = placements.find(hub.id());
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            switch (dynamic.route(current, candidates)) {
                case DynamicHubRoute.ToHolder(NodeCandidate holder) -> {
                    return to(holder, false);
                }
                case DynamicHubRoute.Busy(String reason) -> {
                    return new Destination.Busy(reason);
                }
                case DynamicHubRoute.Claim(NodeCandidate target, Optional<Placement> stale) -> {
                    Placement won = placements.claimReplacing(hub.id(), target.nodeId(), target.incarnation(), stale,
                            liveness.deadAfter());
                    if (stale.isPresent() && sameHolder(won, stale.get())) {
                        // The database says the holder is back (it heartbeat after this view was read):
                        // it keeps the hub, and the session goes there.
                        Optional<NodeCandidate> holder = candidates.stream()
                                .filter(c -> c.nodeId() == won.nodeId()).findFirst();
                        return holder.map(h -> to(h, false))
                                .orElseGet(() -> new Destination.Busy("the node holding hub '" + hub.name() + "' is unknown"));
                    }
                    if (won.nodeId() == target.nodeId() && won.nodeIncarnation() == target.incarnation()) {
                        log.info("Dynamic hub '{}' placed on node '{}'{}", hub.name(), target.name(),
                                stale.map(s -> " (its holder, node " + s.nodeId() + ", is gone)").orElse(""));
                        return to(target, false);
                    }
                    current = Optional.of(won); // another entry node claimed it first: go where it went
                }
            }
        }
        return new Destination.Busy("the placement of hub '" + hub.name() + "' keeps changing");
    }

    private Destination to(NodeCandidate target, boolean mayStayHere) {
        NodeRow me = self.get();
        if (target.nodeId() == me.id()) {
            return new Destination.Here(counted(me.id()));
        }
        ClusterView.RedirectAddress address = view.redirectAddress(target.nodeId());
        if (address.address().isEmpty()) {
            if (mayStayHere) {
                log.warn("Keeping a session here instead of sending it to node '{}': {}", target.name(), address.problem());
                return new Destination.Here(counted(me.id()));
            }
            return new Destination.Busy(address.problem());
        }
        return new Destination.Elsewhere(target.nodeId(), target.name(), address.address().get(), address.ports(),
                counted(target.nodeId()));
    }

    /** Counted while place() still holds its lock, so the next decision already sees this one. */
    private Sending counted(long nodeId) {
        IssuedTickets.Sending s = view.sending(nodeId);
        return new Sending() {
            @Override
            public void written() {
                s.written();
            }

            @Override
            public void withdrawn() {
                s.withdrawn();
            }
        };
    }

    private static boolean sameHolder(Placement a, Placement b) {
        return a.nodeId() == b.nodeId() && a.nodeIncarnation() == b.nodeIncarnation();
    }

    @Override
    public Optional<String> refuseHere(Hub hub) {
        if (hub.type() != HubType.DYNAMIC) {
            return Optional.empty();
        }
        if (fencing.isFenced()) {
            return Optional.of("this node cannot confirm its heartbeat, so it runs no dynamic hub");
        }
        NodeRow me = self.get();
        Placement p = placements.find(hub.id()).orElseGet(() -> placements.claim(hub.id(), me.id(), me.incarnation()));
        if (p.nodeId() != me.id() || p.nodeIncarnation() != me.incarnation()) {
            return Optional.of("the hub runs on node " + p.nodeId() + ", not here");
        }
        return Optional.empty();
    }
}
