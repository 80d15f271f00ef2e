package io.hubfarm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.schema.audit.AuditEntry;
import io.hubfarm.schema.audit.AuditLog;
import io.hubfarm.schema.bridge.BridgeCounters;
import io.hubfarm.schema.bridge.BridgeState;
import io.hubfarm.schema.bridge.LocalBridge;
import io.hubfarm.schema.bridge.LocalBridgeRepository;
import io.hubfarm.schema.bridge.NetworkDevice;
import io.hubfarm.schema.bridge.NodeDeviceRepository;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code hubfarm bridge ...} against a real database: definitions, what nodes reported, and refusals. */
class BridgeCommandTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path dir;
    Cli cli;
    final LocalBridgeRepository bridges = new LocalBridgeRepository(db.jdbi());
    final HubRepository hubs = new HubRepository(db.jdbi());

    @BeforeEach
    void cli() {
        cli = new Cli(db, dir);
    }

    @Test
    void createDefinesABridgeForTheNamedNodeAndAuditsIt() {
        hubs.create(NewHub.of("BR-LAN", HubType.STATIC));
        Fixtures.node(db.jdbi(), "br-n1");

        Cli.Result raw = cli.run("bridge", "create", "BR-LAN", "eth1", "--node", "br-n1");
        Cli.Result tap = cli.run("bridge", "create", "BR-LAN", "lan", "--tap", "--node", "br-n1");

        assertThat(raw.status()).as(raw.err()).isZero();
        assertThat(raw.out()).isEqualTo("Bridged hub 'BR-LAN' to device 'eth1' on node 'br-n1'; the node starts it"
                + " within seconds (see 'hubfarm bridge list').\n");
        assertThat(tap.out()).startsWith("Bridged hub 'BR-LAN' to new TAP device 'tap_lan' on node 'br-n1';");
        assertThat(bridges.find("br-n1", "eth1").orElseThrow().tapMode()).isFalse();
        assertThat(bridges.find("br-n1", "lan").orElseThrow().tapMode()).isTrue();
        AuditEntry audit = lastAudit("br-n1/tap_lan");
        assertThat(audit.action()).isEqualTo("bridge.create");
        assertThat(audit.detail()).isEqualTo("hub BR-LAN, TAP");
    }

    @Test
    void withoutNodeTheConfiguredNameIsUsed() throws Exception {
        hubs.create(NewHub.of("BR-CONF", HubType.STATIC));
        Fixtures.node(db.jdbi(), "br-conf");
        Path config = Files.writeString(dir.resolve("hubfarm.conf"), "name = br-conf\n");

        Cli.Result r = cli.run("bridge", "create", "BR-CONF", "eth7", "--config", config.toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(bridges.find("br-conf", "eth7")).isPresent();
    }

    @Test
    void listShowsEachBridgeWithItsReportedStateCountersAndError() {
        hubs.create(NewHub.of("BR-LIST", HubType.STATIC));
        long live = Fixtures.node(db.jdbi(), "br-live").id();
        long gone = Fixtures.node(db.jdbi(), "br-gone").id();
        new NodeRepository(db.jdbi()).markOffline(gone, new NodeRepository(db.jdbi()).find("br-gone").orElseThrow().incarnation());
        LocalBridge up = bridges.create("br-live", "BR-LIST", "up0", true);
        LocalBridge broken = bridges.create("br-live", "BR-LIST", "eth9", false);
        LocalBridge stale = bridges.create("br-gone", "BR-LIST", "eth0", false);
        bridges.reportState(up.id(), BridgeState.ONLINE, "");
        bridges.reportCounters(Map.of(up.id(), new BridgeCounters(100, 200, 3, 4)));
        bridges.reportState(broken.id(), BridgeState.ERROR, "device missing: no network interface 'eth9' on this node");
        bridges.reportState(stale.id(), BridgeState.ONLINE, "");

        Cli.Result r = cli.run("bridge", "list");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.lines().getFirst().trim().split("\\s+"))
                .containsExactly("NODE", "HUB", "DEVICE", "MODE", "STATE", "FRAMES-IN", "FRAMES-OUT", "DROPPED", "ERROR");
        assertThat(r.rows()).contains(
                List.of("br-live", "BR-LIST", "tap_up0", "tap", "ONLINE", "100", "200", "7", "-"),
                List.of("br-live", "BR-LIST", "eth9", "raw", "ERROR", "0", "0", "0", "device", "missing:", "no", "network",
                        "interface", "'eth9'", "on", "this", "node"),
                List.of("br-gone", "BR-LIST", "eth0", "raw", "ONLINE(node-offline)", "0", "0", "0", "-"));
        assertThat(cli.run("bridge", "list", "--node", "br-gone").rows()).hasSize(1);
        assertThat(cli.run("bridge", "list", "--node", "nobody").err().lines())
                .containsExactly("hubfarm: node 'nobody' does not exist");
    }

    @Test
    void deleteRemovesTheDefinitionOfThatHubOnly() {
        hubs.create(NewHub.of("BR-DEL", HubType.STATIC));
        Fixtures.node(db.jdbi(), "br-del");
        bridges.create("br-del", "BR-DEL", "eth2", false);

        Cli.Result wrongHub = cli.run("bridge", "delete", "OTHER", "eth2", "--node", "br-del");
        assertThat(wrongHub.status()).isEqualTo(2);
        assertThat(wrongHub.err().lines()).containsExactly(
                "hubfarm: the bridge on device 'eth2' of node 'br-del' belongs to hub 'BR-DEL', not 'OTHER'");
        assertThat(bridges.find("br-del", "eth2")).isPresent();

        Cli.Result ok = cli.run("bridge", "delete", "br-DEL", "eth2", "--node", "br-del");
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.out()).isEqualTo("Removed the bridge of hub 'br-DEL' on device 'eth2' of node 'br-del'.\n");
        assertThat(bridges.find("br-del", "eth2")).isEmpty();
        assertThat(lastAudit("br-del/eth2").action()).isEqualTo("bridge.delete");

        Cli.Result missing = cli.run("bridge", "delete", "BR-DEL", "eth2", "--node", "br-del");
        assertThat(missing.err().lines()).containsExactly("hubfarm: node 'br-del' has no bridge on device 'eth2'");
    }

    @Test
    void refusalsAreOneLineAndChangeNothing() {
        hubs.create(NewHub.of("BR-STATIC", HubType.STATIC));
        hubs.create(NewHub.of("BR-DYN", HubType.DYNAMIC));
        Fixtures.node(db.jdbi(), "br-ref");
        bridges.create("br-ref", "BR-STATIC", "eth0", false);
        int audited = new AuditLog(db.jdbi()).recent(1000).size();

        assertThat(refusal("bridge", "create", "BR-DYN", "eth1", "--node", "br-ref")).isEqualTo("hubfarm: hub 'BR-DYN' is"
                + " dynamic: its one instance may move between nodes, so it cannot be bridged to an adapter of one node;"
                + " bridge a static hub");
        assertThat(refusal("bridge", "create", "NOHUB", "eth1", "--node", "br-ref")).isEqualTo("hubfarm: hub 'NOHUB' does not exist");
        assertThat(refusal("bridge", "create", "BR-STATIC", "eth1", "--node", "nobody"))
                .isEqualTo("hubfarm: node 'nobody' does not exist");
        assertThat(refusal("bridge", "create", "BR-STATIC", "eth0", "--node", "br-ref"))
                .isEqualTo("hubfarm: node 'br-ref' already bridges device 'eth0'");
        assertThat(refusal("bridge", "create", "BR-STATIC", "eth/0", "--node", "br-ref"))
                .startsWith("hubfarm: device name 'eth/0' is not valid");
        assertThat(refusal("bridge", "create", "BR-STATIC", "twelvechars1", "--tap", "--node", "br-ref"))
                .isEqualTo("hubfarm: a TAP device name has at most 11 characters (the node creates it as tap_<name>),"
                        + " not 'twelvechars1'");
        assertThat(new AuditLog(db.jdbi()).recent(1000)).hasSize(audited);
        assertThat(bridges.list().stream().filter(b -> b.nodeName().equals("br-ref"))).hasSize(1);
    }

    @Test
    void devicesListsWhatTheNodeReported() {
        long node = Fixtures.node(db.jdbi(), "br-dev").id();
        Fixtures.node(db.jdbi(), "br-silent");
        new NodeDeviceRepository(db.jdbi()).replace(node, List.of(
                new NetworkDevice("eth0", "ethernet", "52:54:00:12:34:56", 1500, true),
                new NetworkDevice("br0", "bridge", "52:54:00:00:00:01", 9000, false)));

        Cli.Result r = cli.run("bridge", "devices", "--node", "br-dev");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.lines().getFirst().trim().split("\\s+")).containsExactly("DEVICE", "KIND", "MAC", "MTU", "LINK");
        assertThat(r.rows().subList(0, 2)).containsExactly(
                List.of("br0", "bridge", "52:54:00:00:00:01", "9000", "down"),
                List.of("eth0", "ethernet", "52:54:00:12:34:56", "1500", "up"));
        assertThat(r.lines().getLast()).matches("Reported by node 'br-dev' at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\.");
        assertThat(cli.run("bridge", "devices", "--node", "br-silent").lines().getLast())
                .startsWith("Node 'br-silent' has not reported its devices");
        assertThat(refusal("bridge", "devices", "--node", "nobody")).isEqualTo("hubfarm: node 'nobody' does not exist");
    }

    private String refusal(String... args) {
        Cli.Result r = cli.run(args);
        assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        return r.err().strip();
    }

    private static AuditEntry lastAudit(String target) {
        return new AuditLog(db.jdbi()).recent(1000).stream()
                .filter(e -> e.target().equalsIgnoreCase(target)).findFirst().orElseThrow();
    }
}
