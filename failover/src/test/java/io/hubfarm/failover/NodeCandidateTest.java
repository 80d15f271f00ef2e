package io.hubfarm.failover;

import static io.hubfarm.failover.Nodes.candidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.schema.cluster.NodeState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeCandidateTest {
    private static final Liveness LIVENESS = Liveness.defaults();

    @Test
    void sessionsOnTheirWayCountTowardsPointsAndTheLimit() {
        NodeCandidate c = Nodes.pending(candidate(1, 8, 10, 100), 1);

        assertThat(c.expectedSessions()).isEqualTo(9);
        assertThat(c.points()).isEqualTo(Points.of(9, 10, 100));
        assertThat(c.isFull()).isFalse();
        assertThat(c.withOneMorePending().isFull()).isTrue();
        assertThat(c.withOneMorePending().takesSessions()).isFalse();
    }

    @Test
    void onlyALiveAcceptingNodeBelowItsLimitTakesSessions() {
        NodeCandidate ok = candidate(1, 0, 100);

        assertThat(ok.takesSessions()).isTrue();
        assertThat(Nodes.dead(ok).takesSessions()).isFalse();
        assertThat(Nodes.draining(ok).takesSessions()).isFalse();
        assertThat(candidate(1, 4096, 100).takesSessions()).isFalse();
    }

    @Test
    void aControllerOnlyNodeTakesNoSessionsOnlyWhileItHoldsTheLease() {
        NodeCandidate ok = candidate(1, 0, 100);

        assertThat(Nodes.controllerOnly(ok, true).takesSessions()).isFalse();
        assertThat(Nodes.controllerOnly(ok, false).takesSessions()).isTrue();
        assertThat(new NodeCandidate(1, 1, "n", 0, 4096, 100, false, true, true, true, 0).takesSessions()).isTrue();
    }

    @Test
    void fromARowJudgesLivenessByTheDatabasesHeartbeatAge() {
        NodeCandidate fresh = NodeCandidate.from(Nodes.row(7, NodeState.ONLINE, Duration.ofMillis(900), 12, 200),
                3, LIVENESS, false, 2);

        assertThat(fresh.nodeId()).isEqualTo(7);
        assertThat(fresh.incarnation()).isEqualTo(3);
        assertThat(fresh.sessions()).isEqualTo(15); // 12 in the heartbeat, 3 on their way
        assertThat(fresh.weight()).isEqualTo(200);
        assertThat(fresh.pendingTickets()).isEqualTo(2);
        assertThat(fresh.alive()).isTrue();
        assertThat(fresh.accepting()).isTrue();
        assertThat(fresh.takesSessions()).isTrue();

        NodeCandidate atLimit = NodeCandidate.from(Nodes.row(7, NodeState.ONLINE, Duration.ofSeconds(5), 0, 100),
                0, LIVENESS, false, 0);
        assertThat(atLimit.alive()).isTrue();
        NodeCandidate overdue = NodeCandidate.from(Nodes.row(7, NodeState.ONLINE, Duration.ofMillis(5_001), 0, 100),
                0, LIVENESS, false, 0);
        assertThat(overdue.alive()).isFalse();
        assertThat(overdue.takesSessions()).isFalse();
    }

    @Test
    void aDrainingOrStartingNodeIsAliveButTakesNoNewSessions() {
        for (NodeState state : new NodeState[] {NodeState.DRAINING, NodeState.STARTING}) {
            NodeCandidate c = NodeCandidate.from(Nodes.row(7, state, Duration.ZERO, 0, 100), 0, LIVENESS, false, 0);
            assertThat(c.alive()).as("%s", state).isTrue();
            assertThat(c.accepting()).as("%s", state).isFalse();
            assertThat(c.takesSessions()).as("%s", state).isFalse();
        }
        NodeCandidate offline = NodeCandidate.from(Nodes.row(7, NodeState.OFFLINE, Duration.ZERO, 0, 100),
                0, LIVENESS, false, 0);
        assertThat(offline.alive()).isFalse();
    }

    @Test
    void refusesImpossibleValues() {
        assertThatThrownBy(() -> new NodeCandidate(1, 1, "n", 0, 4096, 100, false, false, true, true, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pending");
        assertThatThrownBy(() -> new NodeCandidate(1, 1, "n", 0, 0, 100, false, false, true, true, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max sessions");
        assertThatThrownBy(() -> new NodeCandidate(1, 1, "n", 0, 4096, 20_000, false, false, true, true, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight");
    }
}
