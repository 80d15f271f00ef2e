package io.hubfarm.failover;

import io.hubfarm.failover.PlacementRelease.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The controller's periodic duties as a decision (design.md section 2): from the nodes and
 * placements read in one go, which nodes to declare dead, whose sessions and tickets to reclaim,
 * which dynamic-hub placements to release and which points to publish. Expiring old tickets needs
 * no decision: it is one statement against the database clock.
 */
public final class ControllerSweep {
    /**
     * The default grace for an empty dynamic hub, as SoftEther's controller keeps a new dynamic hub
     * for 60 s. It must exceed the redirect ticket's lifetime, or a claim could be released before
     * the client it was made for arrives.
     */
    public static final Duration DEFAULT_EMPTY_HUB_GRACE = Duration.ofSeconds(60);

    private final Liveness liveness;
    private final Duration emptyHubGrace;

    public ControllerSweep(Liveness liveness, Duration emptyHubGrace) {
        this.liveness = Objects.requireNonNull(liveness, "liveness");
        if (emptyHubGrace.isNegative() || emptyHubGrace.isZero()) {
            throw new IllegalArgumentException("empty-hub grace must be positive, not " + emptyHubGrace);
        }
        this.emptyHubGrace = emptyHubGrace;
    }

    public SweepPlan plan(Collection<NodeReport> nodes, Collection<PlacementReport> placements) {
        return plan(nodes, placements, liveness.deadAfter());
    }

    /**
     * One sweep by a controller that has reached the database without a failure for
     * {@code observedFor}: since its term began, or since its last failed renewal or sweep, whichever
     * is later (by its own monotonic clock). Until that reaches {@code dead_after} no node is judged
     * dead by its heartbeat's age: whatever cut the controller off may have cut every node off (a
     * database outage), and each node needs one heartbeat after the database returns to show that it
     * is alive. Nodes already stopped or dead are still reclaimed, and placements of a holder that is
     * gone or restarted, or that stayed empty, are still released.
     */
    public SweepPlan plan(Collection<NodeReport> nodes, Collection<PlacementReport> placements, Duration observedFor) {
        boolean settled = observedFor.compareTo(liveness.deadAfter()) >= 0;
        return settled ? judge(nodes, placements) : withoutOverdueJudgements(judge(nodes, placements), nodes);
    }

    private SweepPlan withoutOverdueJudgements(SweepPlan plan, Collection<NodeReport> nodes) {
        Map<Long, NodeReport> byId = new HashMap<>();
        nodes.forEach(n -> byId.put(n.nodeId(), n));
        List<NodeReport> reclaim = plan.reclaim().stream().filter(n -> !n.state().isRunning()).toList();
        List<PlacementRelease> releases = plan.releases().stream()
                .filter(r -> r.reason() != Reason.HOLDER_DEAD || !byId.get(r.nodeId()).state().isRunning())
                .toList();
        Map<Long, Integer> points = new HashMap<>(plan.points());
        for (NodeReport n : nodes) {
            if (n.state().isRunning()) {
                points.put(n.nodeId(), Points.of(n.sessions(), n.maxSessions(), n.weight()));
            }
        }
        return new SweepPlan(List.of(), reclaim, releases, points);
    }

    private SweepPlan judge(Collection<NodeReport> nodes, Collection<PlacementReport> placements) {
        List<NodeReport> declareDead = new ArrayList<>();
        List<NodeReport> reclaim = new ArrayList<>();
        Map<Long, Integer> points = new HashMap<>();
        Map<Long, NodeReport> byId = new HashMap<>();
        for (NodeReport n : nodes) {
            byId.put(n.nodeId(), n);
            boolean alive = liveness.isAlive(n.state(), n.heartbeatAge());
            if (liveness.isOverdue(n.state(), n.heartbeatAge())) {
                declareDead.add(n);
            }
            if (!alive) {
                reclaim.add(n);
            }
            points.put(n.nodeId(), alive ? Points.of(n.sessions(), n.maxSessions(), n.weight()) : 0);
        }
        List<PlacementRelease> releases = new ArrayList<>();
        for (PlacementReport p : placements) {
            releaseReason(p, byId.get(p.nodeId())).ifPresent(r -> releases.add(PlacementRelease.of(p, r)));
        }
        return new SweepPlan(declareDead, reclaim, releases, points);
    }

    private Optional<Reason> releaseReason(PlacementReport p, NodeReport holder) {
        if (holder == null) {
            return Optional.of(Reason.HOLDER_GONE);
        }
        if (holder.incarnation() != p.nodeIncarnation()) {
            return Optional.of(Reason.HOLDER_RESTARTED);
        }
        if (!liveness.isAlive(holder.state(), holder.heartbeatAge())) {
            return Optional.of(Reason.HOLDER_DEAD);
        }
        boolean emptyTooLong = p.emptyFor().map(d -> d.compareTo(emptyHubGrace) > 0).orElse(false);
        return emptyTooLong && p.registeredSessions() == 0 ? Optional.of(Reason.EMPTY) : Optional.empty();
    }
}
