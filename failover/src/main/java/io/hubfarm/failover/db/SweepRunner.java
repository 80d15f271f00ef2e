package io.hubfarm.failover.db;

import io.hubfarm.failover.ControllerSweep;
import io.hubfarm.failover.Liveness;
import io.hubfarm.failover.NodeReport;
import io.hubfarm.failover.PlacementRelease;
import io.hubfarm.failover.PlacementReport;
import io.hubfarm.failover.SweepPlan;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.hub.PlacementRepository;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.session.TicketRepository;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of the controller's duties against the database: reads the nodes and placements, lets
 * {@link ControllerSweep} decide, and carries the plan out. Every write is fenced by the epoch it is
 * given, so a round that runs on after its controller was deposed changes nothing.
 */
public final class SweepRunner {
    private static final Logger log = LoggerFactory.getLogger(SweepRunner.class);

    private final NodeRepository nodes;
    private final PlacementRepository placements;
    private final SessionRepository sessions;
    private final TicketRepository tickets;
    private final ControllerSweep sweep;
    private final Liveness liveness;
    private final Duration emptyHubGrace;

    public SweepRunner(NodeRepository nodes, PlacementRepository placements, SessionRepository sessions,
                       TicketRepository tickets, Liveness liveness, Duration emptyHubGrace) {
        this.nodes = nodes;
        this.placements = placements;
        this.sessions = sessions;
        this.tickets = tickets;
        this.liveness = liveness;
        this.emptyHubGrace = emptyHubGrace;
        this.sweep = new ControllerSweep(liveness, emptyHubGrace);
    }

    /**
     * Runs one sweep as the controller of term {@code epoch}, which has reached the database without
     * a failure for {@code observedFor} (see {@link ControllerSweep#plan(java.util.Collection,
     * java.util.Collection, Duration)}); returns the plan it carried out.
     */
    public SweepPlan run(long epoch, Duration observedFor) {
        List<NodeReport> nodeReports = nodes.list().stream().map(NodeReport::from).toList();
        List<PlacementReport> placementReports = placements.listForSweep().stream()
                .map(p -> new PlacementReport(p.hubId(), p.nodeId(), p.nodeIncarnation(), p.emptyFor(),
                        p.registeredSessions()))
                .toList();
        SweepPlan plan = sweep.plan(nodeReports, placementReports, observedFor);
        for (NodeReport dead : plan.declareDead()) {
            if (nodes.declareDead(dead.nodeId(), dead.incarnation(), liveness.deadAfter(), epoch)) {
                log.warn("Declared node {} (incarnation {}) dead: no heartbeat for {} ms", dead.nodeId(),
                        dead.incarnation(), dead.heartbeatAge().toMillis());
            }
        }
        for (NodeReport gone : plan.reclaim()) {
            int s = sessions.reclaimStoppedNode(gone.nodeId(), epoch);
            int t = tickets.deleteForStoppedNode(gone.nodeId(), epoch);
            if (s + t > 0) {
                log.info("Reclaimed {} sessions and {} tickets of stopped node {}", s, t, gone.nodeId());
            }
        }
        for (PlacementRelease r : plan.releases()) {
            boolean released = r.reason() == PlacementRelease.Reason.EMPTY
                    ? placements.releaseEmpty(r.hubId(), r.nodeId(), r.nodeIncarnation(), emptyHubGrace, epoch)
                    : placements.releaseFromHolder(r.hubId(), r.nodeId(), r.nodeIncarnation(), liveness.deadAfter(),
                            epoch);
            if (released) {
                log.info("Released dynamic hub {} from node {} (incarnation {}): {}", r.hubId(), r.nodeId(),
                        r.nodeIncarnation(), r.reason());
            }
        }
        nodes.publishPoints(plan.points(), epoch);
        tickets.deleteExpired(epoch);
        return plan;
    }
}
