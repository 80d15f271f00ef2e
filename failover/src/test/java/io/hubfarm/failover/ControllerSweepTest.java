package io.hubfarm.failover;

import static io.hubfarm.failover.Nodes.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.failover.PlacementRelease.Reason;
import io.hubfarm.schema.cluster.NodeState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControllerSweepTest {
    private static final Duration GRACE = Duration.ofSeconds(60);
    private final ControllerSweep sweep = new ControllerSweep(Liveness.defaults(), GRACE);

    private final NodeReport fresh = report(1, 4, NodeState.ONLINE, Duration.ofMillis(800));
    private final NodeReport atTheLimit = report(2, 1, NodeState.ONLINE, Duration.ofSeconds(5));
    private final NodeReport overdue = report(3, 2, NodeState.ONLINE, Duration.ofMillis(5_001));
    private final NodeReport drainingOverdue = report(4, 1, NodeState.DRAINING, Duration.ofSeconds(30));
    private final NodeReport alreadyDead = report(5, 7, NodeState.DEAD, Duration.ofMinutes(3));
    private final NodeReport stopped = report(6, 2, NodeState.OFFLINE, Duration.ofMinutes(3));
    private final List<NodeReport> nodes = List.of(fresh, atTheLimit, overdue, drainingOverdue, alreadyDead, stopped);

    private static PlacementReport placement(long hub, NodeReport on, long incarnation) {
        return new PlacementReport(hub, on.nodeId(), incarnation, Optional.empty(), 3);
    }

    private static PlacementReport emptyPlacement(long hub, NodeReport on, Duration emptyFor, int registered) {
        return new PlacementReport(hub, on.nodeId(), on.incarnation(), Optional.of(emptyFor), registered);
    }

    @Test
    void declaresRunningNodesDeadOnceTheirHeartbeatIsOlderThanDeadAfter() {
        SweepPlan plan = sweep.plan(nodes, List.of());

        assertThat(plan.declareDead()).containsExactly(overdue, drainingOverdue);
    }

    @Test
    void reclaimsSessionsAndTicketsOfEveryNodeThatIsNotAliveEverySweep() {
        SweepPlan plan = sweep.plan(nodes, List.of());

        assertThat(plan.reclaim()).containsExactly(overdue, drainingOverdue, alreadyDead, stopped);
    }

    @Test
    void publishesPointsForLiveNodesAndZeroForTheRest() {
        NodeReport loaded = new NodeReport(7, 1, NodeState.ONLINE, Duration.ZERO, 2048, 4096, 100);

        SweepPlan plan = sweep.plan(List.of(fresh, loaded, overdue, stopped), List.of());

        assertThat(plan.points()).containsEntry(1L, Points.of(10, 4096, 100)).containsEntry(7L, 50_000)
                .containsEntry(3L, 0).containsEntry(6L, 0).hasSize(4);
    }

    @Test
    void releasesPlacementsOfDeadRestartedAndVanishedHolders() {
        NodeReport gone = report(99, 1, NodeState.ONLINE, Duration.ZERO);
        List<PlacementReport> placements = List.of(
                placement(10, fresh, 4),       // kept
                placement(11, overdue, 2),     // holder overdue
                placement(12, alreadyDead, 7), // holder declared dead earlier
                placement(13, stopped, 2),     // holder stopped
                placement(14, fresh, 3),       // claimed by the holder's previous process
                placement(15, gone, 1));       // holder row deleted

        SweepPlan plan = sweep.plan(nodes, placements);

        assertThat(plan.releases()).containsExactly(
                new PlacementRelease(11, 3, 2, Reason.HOLDER_DEAD),
                new PlacementRelease(12, 5, 7, Reason.HOLDER_DEAD),
                new PlacementRelease(13, 6, 2, Reason.HOLDER_DEAD),
                new PlacementRelease(14, 1, 3, Reason.HOLDER_RESTARTED),
                new PlacementRelease(15, 99, 1, Reason.HOLDER_GONE));
    }

    @Test
    void aNewTermJudgesNoHeartbeatUntilDeadAfterHasPassed() {
        List<PlacementReport> placements = List.of(
                placement(11, overdue, 2),     // holder overdue: kept for now
                placement(12, alreadyDead, 7), // holder dead before this term: released
                placement(14, fresh, 3));      // claimed by the holder's previous process: released

        SweepPlan early = sweep.plan(nodes, placements, Duration.ofMillis(4_999));

        assertThat(early.declareDead()).isEmpty();
        assertThat(early.reclaim()).containsExactly(alreadyDead, stopped);
        assertThat(early.releases()).extracting(PlacementRelease::hubId).containsExactly(12L, 14L);
        assertThat(early.points()).as("an overdue node keeps its points until it is judged")
                .containsEntry(3L, Points.of(overdue.sessions(), overdue.maxSessions(), overdue.weight()));

        SweepPlan settled = sweep.plan(nodes, placements, Duration.ofSeconds(5));
        assertThat(settled.declareDead()).containsExactly(overdue, drainingOverdue);
        assertThat(settled.releases()).extracting(PlacementRelease::hubId).containsExactly(11L, 12L, 14L);
    }

    @Test
    void releasesAHubEmptyForLongerThanTheGracePeriod() {
        List<PlacementReport> placements = List.of(
                emptyPlacement(20, fresh, GRACE.plusMillis(1), 0),  // released
                emptyPlacement(21, fresh, GRACE, 0),                // not yet
                emptyPlacement(22, fresh, Duration.ofHours(1), 2),  // the registry still has sessions
                placement(23, fresh, 4));                           // has sessions

        SweepPlan plan = sweep.plan(nodes, placements);

        assertThat(plan.releases()).containsExactly(new PlacementRelease(20, 1, 4, Reason.EMPTY));
    }

    @Test
    void aQuietClusterNeedsNothingDone() {
        SweepPlan plan = sweep.plan(List.of(fresh, atTheLimit), List.of(placement(10, fresh, 4)));

        assertThat(plan.declareDead()).isEmpty();
        assertThat(plan.reclaim()).isEmpty();
        assertThat(plan.releases()).isEmpty();
        assertThat(plan.points()).hasSize(2);
    }

    @Test
    void refusesAnEmptyGracePeriod() {
        assertThatThrownBy(() -> new ControllerSweep(Liveness.defaults(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace");
    }
}
