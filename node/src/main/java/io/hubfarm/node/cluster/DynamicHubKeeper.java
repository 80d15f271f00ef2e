package io.hubfarm.node.cluster;

import io.hubfarm.failover.SelfFencing;
import io.hubfarm.node.hub.HubCatalog;
import io.hubfarm.node.hub.VirtualHub;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.Placement;
import io.hubfarm.schema.hub.PlacementRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps this node's dynamic-hub instances in line with the placements (design.md section 2). Every
 * second: a node that cannot confirm its heartbeat stops them all ({@link SelfFencing}), before the
 * cluster can place them elsewhere; an instance whose placement was released or taken over is
 * stopped; and the holder reports which of its hubs have sessions, so the controller can release
 * the ones left empty. Fencing is also checked on its own, faster, so a hung database call does not
 * delay it.
 */
public final class DynamicHubKeeper {
    private final HubCatalog hubs;
    private final PlacementRepository placements;
    private final Supplier<NodeRow> self;
    private final SelfFencing fencing;

    public DynamicHubKeeper(HubCatalog hubs, PlacementRepository placements, Supplier<NodeRow> self, SelfFencing fencing) {
        this.hubs = hubs;
        this.placements = placements;
        this.self = self;
        this.fencing = fencing;
    }

    /** Stops every dynamic instance if this node is fenced. Touches no database: safe to call often. */
    public void enforceFencing() {
        if (!fencing.isFenced()) {
            return;
        }
        for (Map.Entry<Long, VirtualHub> e : hubs.running(HubType.DYNAMIC).entrySet()) {
            hubs.stop(e.getKey(), "this node has not confirmed a heartbeat in time, so the cluster may place the hub"
                    + " elsewhere");
        }
    }

    /** Stops instances this node no longer holds, and reports occupancy. */
    public void reconcile() {
        enforceFencing();
        NodeRow me = self.get();
        Set<Long> held = placements.listHeldBy(me.id(), me.incarnation()).stream().map(Placement::hubId)
                .collect(Collectors.toSet());
        List<Long> occupied = new ArrayList<>();
        for (Map.Entry<Long, VirtualHub> e : hubs.running(HubType.DYNAMIC).entrySet()) {
            long hubId = e.getKey();
            if (!held.contains(hubId)) {
                // Read again: a claim made after the list was read started this instance legitimately.
                Optional<Placement> now = placements.find(hubId);
                if (now.isEmpty() || now.get().nodeId() != me.id() || now.get().nodeIncarnation() != me.incarnation()) {
                    hubs.stop(hubId, now.map(p -> "its placement moved to node " + p.nodeId())
                            .orElse("its placement was released"));
                    continue;
                }
            }
            if (!e.getValue().members().isEmpty()) {
                occupied.add(hubId);
            }
        }
        placements.reportOccupancy(me.id(), me.incarnation(), occupied);
    }
}
