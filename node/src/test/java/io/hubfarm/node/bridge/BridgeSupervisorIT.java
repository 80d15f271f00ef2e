package io.hubfarm.node.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.hub.HubCatalog;
import io.hubfarm.node.hub.HubLimits;
import io.hubfarm.node.time.ManualNodeClock;
import io.hubfarm.schema.bridge.BridgeState;
import io.hubfarm.schema.bridge.LocalBridge;
import io.hubfarm.schema.bridge.LocalBridgeRepository;
import io.hubfarm.schema.bridge.NetworkDevice;
import io.hubfarm.schema.bridge.NodeDeviceRepository;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The node's side of bridge definitions against a real database and the real kernel (needs root):
 * each {@link BridgeSupervisor#reconcile()} is one tick of the node's one-second duty, called directly
 * so each step is deterministic.
 */
class BridgeSupervisorIT {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    final LocalBridgeRepository definitions = new LocalBridgeRepository(db.jdbi());
    final HubRepository hubRows = new HubRepository(db.jdbi());
    final LinkCommands links = new LinkCommands();
    String nodeName;
    long nodeId;
    HubCatalog hubs;
    BridgeSupervisor supervisor;

    @BeforeEach
    void start() {
        nodeName = LinkCommands.uniqueName("node");
        nodeId = Fixtures.node(db.jdbi(), nodeName).id();
        hubs = new HubCatalog(hubRows, HubLimits.DEFAULT, new ManualNodeClock());
        supervisor = BridgeSupervisor.start(definitions, hubs, nodeId);
    }

    @AfterEach
    void stop() {
        supervisor.close();
        hubs.close();
        links.close();
    }

    private Hub staticHub() {
        return hubRows.create(NewHub.of(LinkCommands.uniqueName("HUB"), HubType.STATIC));
    }

    private LocalBridge tick(LocalBridge bridge) {
        hubs.refresh();
        supervisor.reconcile();
        return definitions.find(nodeName, bridge.device()).orElseThrow();
    }

    @Test
    void aTapDefinitionComesOnlineAndItsDeviceGoesWithTheDefinition() {
        Hub hub = staticHub();
        String name = LinkCommands.uniqueName("lan");
        LocalBridge bridge = definitions.create(nodeName, hub.name(), name, true);

        LocalBridge reported = tick(bridge);
        assertThat(reported.state()).isEqualTo(BridgeState.ONLINE);
        assertThat(reported.error()).isEmpty();
        assertThat(Path.of("/sys/class/net/tap_" + name)).exists();

        String before = ifindex("tap_" + name);
        LinkCommands.run("ip", "link", "del", "tap_" + name);
        assertThat(tick(bridge).state()).as("a TAP deleted from outside is created again").isEqualTo(BridgeState.ONLINE);
        assertThat(ifindex("tap_" + name)).isNotEqualTo(before);

        definitions.delete(nodeName, name);
        supervisor.reconcile();
        assertThat(Path.of("/sys/class/net/tap_" + name)).as("the TAP goes with its definition").doesNotExist();
    }

    @Test
    void eachNodeRunsOnlyItsOwnDefinitionsOfOneStaticHub() {
        Hub hub = staticHub();
        String otherNode = LinkCommands.uniqueName("node");
        long otherNodeId = Fixtures.node(db.jdbi(), otherNode).id();
        HubCatalog otherHubs = new HubCatalog(hubRows, HubLimits.DEFAULT, new ManualNodeClock());
        String mine = LinkCommands.uniqueName("one");
        String theirs = LinkCommands.uniqueName("two");
        definitions.create(nodeName, hub.name(), mine, true);
        LocalBridge other = definitions.create(otherNode, hub.name(), theirs, true);
        try (BridgeSupervisor otherSupervisor = BridgeSupervisor.start(definitions, otherHubs, otherNodeId)) {
            assertThat(definitions.find(nodeName, mine).map(this::tick).orElseThrow().state()).isEqualTo(BridgeState.ONLINE);
            assertThat(definitions.find(otherNode, theirs).orElseThrow().state())
                    .as("this node leaves the other node's definition alone").isEqualTo(BridgeState.PENDING);
            assertThat(Path.of("/sys/class/net/tap_" + theirs)).doesNotExist();

            otherHubs.refresh();
            otherSupervisor.reconcile();
            assertThat(definitions.find(otherNode, theirs).orElseThrow().state()).isEqualTo(BridgeState.ONLINE);
            assertThat(otherSupervisor.interfaceNames()).containsExactly(java.util.Map.entry(other.id(), "tap_" + theirs));
        } finally {
            otherHubs.close();
        }
    }

    @Test
    void aRawBridgeReportsAMissingDeviceAndRecoversWhenItAppearsAndAfterItIsReplaced() {
        Hub hub = staticHub();
        String device = LinkCommands.uniqueName("hfr");
        String peer = LinkCommands.uniqueName("hfp");
        LocalBridge bridge = definitions.create(nodeName, hub.name(), device, false);

        LocalBridge missing = tick(bridge);
        assertThat(missing.state()).isEqualTo(BridgeState.ERROR);
        assertThat(missing.error()).isEqualTo("device missing: no network interface '" + device + "' on this node");

        links.vethPair(device, peer);
        assertThat(tick(bridge).state()).isEqualTo(BridgeState.ONLINE);

        LinkCommands.run("ip", "link", "set", device, "down");
        LocalBridge down = tick(bridge);
        assertThat(down.state()).isEqualTo(BridgeState.ERROR);
        assertThat(down.error()).startsWith("device down: network interface '" + device + "' is down");
        LinkCommands.run("ip", "link", "set", device, "up");
        assertThat(tick(bridge).state()).isEqualTo(BridgeState.ONLINE);

        LinkCommands.run("ip", "link", "del", device);
        assertThat(tick(bridge).error()).startsWith("device missing:");
        links.vethPair(device, peer);
        assertThat(tick(bridge).state()).as("the bridge recovers by itself").isEqualTo(BridgeState.ONLINE);
    }

    @Test
    void aHubSetOfflineTakesItsBridgesOfflineUntilItReturnsAndTheTapSurvives() {
        Hub hub = staticHub();
        String name = LinkCommands.uniqueName("off");
        LocalBridge bridge = definitions.create(nodeName, hub.name(), name, true);
        assertThat(tick(bridge).state()).isEqualTo(BridgeState.ONLINE);
        String ifindex = ifindex("tap_" + name);

        hubRows.update(withOnline(hubRows.find(hub.name()).orElseThrow(), false));
        LocalBridge offline = tick(bridge);
        assertThat(offline.state()).isEqualTo(BridgeState.ERROR);
        assertThat(offline.error()).isEqualTo("hub offline: hub '" + hub.name() + "' is offline");

        hubRows.update(withOnline(hubRows.find(hub.name()).orElseThrow(), true));
        assertThat(tick(bridge).state()).isEqualTo(BridgeState.ONLINE);
        assertThat(ifindex("tap_" + name)).as("the same TAP device throughout").isEqualTo(ifindex);
        assertThat(hubs.runningInstance(hub.id()).orElseThrow().members()).hasSize(1);
    }

    @Test
    void aDefinitionForADynamicHubWrittenPastTheRepositoryIsRefusedByTheNode() {
        Hub dynamic = hubRows.create(NewHub.of(LinkCommands.uniqueName("DYN"), HubType.DYNAMIC));
        String name = LinkCommands.uniqueName("dyn");
        db.jdbi().useHandle(h -> h.createUpdate(
                "INSERT INTO local_bridges (node_id, hub_id, device, tap_mode) VALUES (:node, :hub, :device, TRUE)")
                .bind("node", nodeId).bind("hub", dynamic.id()).bind("device", name).execute());

        LocalBridge refused = definitions.find(nodeName, name).map(this::tick).orElseThrow();

        assertThat(refused.state()).isEqualTo(BridgeState.ERROR);
        assertThat(refused.error()).startsWith("hub dynamic: hub '" + dynamic.name() + "' is dynamic");
        assertThat(hubs.runningInstance(dynamic.id())).as("no instance was started for it").isEmpty();
    }

    @Test
    void aNodeWithoutRootReportsPermissionDenied() throws Exception {
        Hub hub = staticHub();
        LocalBridge bridge = definitions.create(nodeName, hub.name(), LinkCommands.uniqueName("np"), true);
        hubs.refresh();

        WithoutNetworkCapabilities.call(() -> {
            supervisor.reconcile();
            return null;
        });

        LocalBridge refused = definitions.find(nodeName, bridge.device()).orElseThrow();
        assertThat(refused.state()).isEqualTo(BridgeState.ERROR);
        assertThat(refused.error()).startsWith("permission denied:").endsWith("root or with CAP_NET_ADMIN");
    }

    @Test
    void countersArePublishedAndAStoppingNodeLeavesItsBridgesPending() {
        Hub hub = staticHub();
        LocalBridge bridge = definitions.create(nodeName, hub.name(), LinkCommands.uniqueName("cnt"), true);
        assertThat(tick(bridge).state()).isEqualTo(BridgeState.ONLINE);

        supervisor.publishCounters();
        assertThat(definitions.find(nodeName, bridge.device()).orElseThrow().counters().oversizeDropped()).isZero();

        supervisor.close();
        assertThat(definitions.find(nodeName, bridge.device()).orElseThrow().state()).isEqualTo(BridgeState.PENDING);
        assertThat(Path.of("/sys/class/net/tap_" + bridge.device())).doesNotExist();
    }

    @Test
    void theNodeReportsItsEthernetInterfaces() {
        String device = LinkCommands.uniqueName("hfi");
        links.vethPair(device, LinkCommands.uniqueName("hfj"));
        DeviceInventory inventory = DeviceInventory.of(new NodeDeviceRepository(db.jdbi()), nodeId, new ManualNodeClock());

        inventory.publish();

        var report = new NodeDeviceRepository(db.jdbi()).report(nodeName);
        assertThat(report.devices()).extracting(NetworkDevice::name).contains(device).doesNotContain("lo");
        NetworkDevice veth = report.devices().stream().filter(d -> d.name().equals(device)).findFirst().orElseThrow();
        assertThat(veth.kind()).isEqualTo("virtual");
        assertThat(veth.mac()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        assertThat(veth.mtu()).isEqualTo(1500);
        assertThat(report.reportedAt()).isPresent();
    }

    private static String ifindex(String name) {
        try {
            return java.nio.file.Files.readString(Path.of("/sys/class/net", name, "ifindex")).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Hub withOnline(Hub h, boolean online) {
        return new Hub(h.id(), h.name(), h.type(), online, h.maxSessions(), h.noEnum(), h.adminPasswordHash(),
                h.adminSecurePassword(), h.createdAt(), h.updatedAt(), h.loginCount(), h.maxSessionsPerUser());
    }

}
