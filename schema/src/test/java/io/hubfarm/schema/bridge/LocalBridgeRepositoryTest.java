package io.hubfarm.schema.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.NotFoundException;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bridge definitions any node writes, and the state and counters their own node reports back. */
class LocalBridgeRepositoryTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    final LocalBridgeRepository bridges = new LocalBridgeRepository(db.jdbi());
    final HubRepository hubs = new HubRepository(db.jdbi());

    @Test
    void aDefinitionStartsPendingAndIsListedWithItsNodeAndHub() {
        hubs.create(NewHub.of("LB-LIST", HubType.STATIC));
        long node = Fixtures.node(db.jdbi(), "lb-list").id();

        LocalBridge created = bridges.create("lb-list", "LB-LIST", "eth9", false);

        assertThat(created.nodeId()).isEqualTo(node);
        assertThat(created.hubName()).isEqualTo("LB-LIST");
        assertThat(created.device()).isEqualTo("eth9");
        assertThat(created.tapMode()).isFalse();
        assertThat(created.state()).isEqualTo(BridgeState.PENDING);
        assertThat(created.error()).isEmpty();
        assertThat(created.counters()).isEqualTo(BridgeCounters.ZERO);
        assertThat(bridges.listForNode(node)).containsExactly(created);
        assertThat(bridges.list()).contains(created);
    }

    @Test
    void aDynamicHubIsRefusedWithTheReason() {
        hubs.create(NewHub.of("LB-DYN", HubType.DYNAMIC));
        Fixtures.node(db.jdbi(), "lb-dyn");

        assertThatThrownBy(() -> bridges.create("lb-dyn", "LB-DYN", "eth0", false))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("hub 'LB-DYN' is dynamic")
                .hasMessageContaining("move between nodes");
        assertThat(bridges.find("lb-dyn", "eth0")).isEmpty();
    }

    @Test
    void unknownNodeOrHubAndASecondBridgeOnOneDeviceAreRefused() {
        hubs.create(NewHub.of("LB-REF", HubType.STATIC));
        hubs.create(NewHub.of("LB-REF2", HubType.STATIC));
        Fixtures.node(db.jdbi(), "lb-ref");
        bridges.create("lb-ref", "LB-REF", "eth1", false);

        assertThatThrownBy(() -> bridges.create("nobody", "LB-REF", "eth1", false))
                .isInstanceOf(NotFoundException.class).hasMessage("node 'nobody' does not exist");
        assertThatThrownBy(() -> bridges.create("lb-ref", "NOHUB", "eth1", false))
                .isInstanceOf(NotFoundException.class).hasMessage("hub 'NOHUB' does not exist");
        assertThatThrownBy(() -> bridges.create("lb-ref", "LB-REF2", "eth1", true))
                .isInstanceOf(ConflictException.class).hasMessage("node 'lb-ref' already bridges device 'eth1'");
    }

    @Test
    void deviceNamesFollowLinuxRulesAndTapNamesLeaveRoomForThePrefix() {
        hubs.create(NewHub.of("LB-NAME", HubType.STATIC));
        Fixtures.node(db.jdbi(), "lb-name");

        assertThatThrownBy(() -> bridges.create("lb-name", "LB-NAME", "eth/0", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device name 'eth/0' is not valid");
        assertThatThrownBy(() -> bridges.create("lb-name", "LB-NAME", "a23456789012345x", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 15 characters");
        assertThatThrownBy(() -> bridges.create("lb-name", "LB-NAME", "abcdefghijkl", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 11 characters");
        assertThat(bridges.create("lb-name", "LB-NAME", "abcdefghijk", true).tapMode()).isTrue();
        assertThat(bridges.create("lb-name", "LB-NAME", "a23456789012345", false).device()).hasSize(15);
    }

    @Test
    void theNodeReportsStateErrorsAndCounters() {
        hubs.create(NewHub.of("LB-STATE", HubType.STATIC));
        long node = Fixtures.node(db.jdbi(), "lb-state").id();
        LocalBridge bridge = bridges.create("lb-state", "LB-STATE", "eth2", false);

        bridges.reportState(bridge.id(), BridgeState.ERROR, "device missing: no network interface 'eth2' on this node");
        bridges.reportCounters(Map.of(bridge.id(), new BridgeCounters(10, 20, 3, 4)));
        LocalBridge reported = bridges.find("lb-state", "eth2").orElseThrow();
        assertThat(reported.state()).isEqualTo(BridgeState.ERROR);
        assertThat(reported.error()).isEqualTo("device missing: no network interface 'eth2' on this node");
        assertThat(reported.counters()).isEqualTo(new BridgeCounters(10, 20, 3, 4));

        bridges.reportState(bridge.id(), BridgeState.ERROR, "x".repeat(2000));
        assertThat(bridges.find("lb-state", "eth2").orElseThrow().error()).hasSize(512).endsWith("...");

        bridges.markPending(node);
        assertThat(bridges.find("lb-state", "eth2").orElseThrow().state()).isEqualTo(BridgeState.PENDING);
    }

    @Test
    void deleteRemovesOnlyThatDefinitionAndNamesAMissingOne() {
        hubs.create(NewHub.of("LB-DEL", HubType.STATIC));
        Fixtures.node(db.jdbi(), "lb-del");
        bridges.create("lb-del", "LB-DEL", "eth3", false);
        bridges.create("lb-del", "LB-DEL", "eth4", false);

        assertThat(bridges.delete("lb-del", "eth3").device()).isEqualTo("eth3");
        assertThat(bridges.find("lb-del", "eth3")).isEmpty();
        assertThat(bridges.find("lb-del", "eth4")).isPresent();
        assertThatThrownBy(() -> bridges.delete("lb-del", "eth3"))
                .isInstanceOf(NotFoundException.class).hasMessage("node 'lb-del' has no bridge on device 'eth3'");
    }

    @Test
    void deletingTheHubRemovesItsBridges() {
        hubs.create(NewHub.of("LB-GONE", HubType.STATIC));
        Fixtures.node(db.jdbi(), "lb-gone");
        bridges.create("lb-gone", "LB-GONE", "eth5", false);

        hubs.delete("LB-GONE");

        assertThat(bridges.find("lb-gone", "eth5")).isEmpty();
    }

    @Test
    void aNodeReplacesItsWholeDeviceReport() {
        long node = Fixtures.node(db.jdbi(), "lb-dev").id();
        NodeDeviceRepository devices = new NodeDeviceRepository(db.jdbi());
        assertThat(devices.report("lb-dev").devices()).isEmpty();
        assertThat(devices.report("lb-dev").reportedAt()).isEmpty();

        devices.replace(node, List.of(new NetworkDevice("eth0", "ethernet", "02:00:00:00:00:01", 1500, true),
                new NetworkDevice("br0", "bridge", "02:00:00:00:00:02", 1500, false)));
        devices.replace(node, List.of(new NetworkDevice("eth0", "ethernet", "02:00:00:00:00:01", 9000, true)));

        NodeDeviceRepository.DeviceReport report = devices.report("lb-dev");
        assertThat(report.devices()).containsExactly(new NetworkDevice("eth0", "ethernet", "02:00:00:00:00:01", 9000, true));
        assertThat(report.reportedAt()).isPresent();
        assertThatThrownBy(() -> devices.report("nobody")).isInstanceOf(NotFoundException.class);
    }
}
