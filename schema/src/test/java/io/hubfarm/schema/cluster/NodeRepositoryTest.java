package io.hubfarm.schema.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NodeRepositoryTest {
    private static final Duration DEAD_AFTER = Duration.ofSeconds(5);

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    final NodeRepository nodes = new NodeRepository(db.jdbi());

    @Test
    void aNewNodeIsOnlineWithItsFirstIncarnation() {
        NodeRow row = nodes.register(Fixtures.registration("fresh"), DEAD_AFTER);
        assertThat(row.state()).isEqualTo(NodeState.ONLINE);
        assertThat(row.incarnation()).isEqualTo(1);
        assertThat(row.weight()).isEqualTo(100);
        assertThat(row.heartbeatAge()).isLessThan(DEAD_AFTER);
        assertThat(row.dbFirstConnectedAt()).isNotNull();
    }

    @Test
    void aLiveNodesNameCannotBeTaken() {
        nodes.register(Fixtures.registration("busy"), DEAD_AFTER);
        assertThatThrownBy(() -> nodes.register(Fixtures.registration("BUSY"), DEAD_AFTER))
                .isInstanceOf(ConflictException.class).hasMessageContaining("in use by a running node");
    }

    @Test
    void aStoppedNodeRestartsWithANewIncarnationAndItsOldSelfIsFencedOff() {
        NodeRow first = nodes.register(Fixtures.registration("restarter"), DEAD_AFTER);
        nodes.markOffline(first.id(), first.incarnation());
        assertThat(nodes.find("restarter")).get().extracting(NodeRow::state).isEqualTo(NodeState.OFFLINE);

        NodeRow second = nodes.register(Fixtures.registration("restarter"), DEAD_AFTER);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.incarnation()).isEqualTo(first.incarnation() + 1);

        NodeHeartbeat hb = new NodeHeartbeat(0, 0, 0, 1, 1, 0, false);
        assertThat(nodes.heartbeat(first.id(), first.incarnation(), hb)).as("old incarnation").isFalse();
        assertThat(nodes.heartbeat(second.id(), second.incarnation(), hb)).isTrue();
    }

    @Test
    void anAdministratorChangesWeightAndControllerOnlyUntilTheNodeRegistersAgain() {
        NodeRow row = nodes.register(Fixtures.registration("balanced"), DEAD_AFTER);
        assertThat(nodes.setBalancing(row.id(), 300, true)).isTrue();
        NodeRow changed = nodes.find(row.id()).orElseThrow();
        assertThat(changed.weight()).isEqualTo(300);
        assertThat(changed.controllerOnly()).isTrue();
        assertThatThrownBy(() -> nodes.setBalancing(row.id(), 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> nodes.setBalancing(row.id(), NodeRepository.MAX_WEIGHT + 1, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(nodes.setBalancing(987_654, 100, false)).isFalse();

        nodes.markOffline(row.id(), row.incarnation());
        NodeRow restarted = nodes.register(Fixtures.registration("balanced"), DEAD_AFTER);
        assertThat(restarted.weight()).as("the node's configuration wins at start").isEqualTo(row.weight());
        assertThat(restarted.controllerOnly()).isEqualTo(row.controllerOnly());
    }

    @Test
    void heartbeatsRecordLoadAndConnectionStatistics() {
        NodeRow row = nodes.register(Fixtures.registration("beating"), DEAD_AFTER);
        assertThat(nodes.heartbeat(row.id(), row.incarnation(), new NodeHeartbeat(3, 5, 1, 4, 3, 1, true))).isTrue();
        NodeRow now = nodes.find("beating").orElseThrow();
        assertThat(now.sessions()).isEqualTo(3);
        assertThat(now.tcpConnections()).isEqualTo(5);
        assertThat(now.dynamicHubs()).isEqualTo(1);
        assertThat(now.dbConnectAttempts()).isEqualTo(4);
        assertThat(now.dbConnectFailures()).isEqualTo(1);
        assertThat(now.dbCurrentConnectedAt()).isAfterOrEqualTo(row.dbCurrentConnectedAt());
    }

    @Test
    void anOfflineNodeStopsHeartbeating() {
        NodeRow row = nodes.register(Fixtures.registration("quitter"), DEAD_AFTER);
        nodes.markOffline(row.id(), row.incarnation());
        assertThat(nodes.heartbeat(row.id(), row.incarnation(), new NodeHeartbeat(0, 0, 0, 1, 1, 0, false))).isFalse();
    }
}
