package io.hubfarm.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real vpncmd (non-interactive, {@code /CMD}, stdin closed) administers a hubfarm cluster of
 * two node processes through either node: hubs and users made through one node are listed, with
 * vpncmd's own tables, through the other; a real client's session is listed, shown and cut off
 * through either node; the cluster and bridge commands describe the same cluster from both; a hub
 * administrator is confined to its hub.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class HubfarmAdminIT {
    private static final String SERVER_PASSWORD = "lab-admin"; // what ClusterLab gives its nodes

    private static final String NIC = "vpn0";
    private static final Duration CONNECT = Duration.ofSeconds(30);

    private VpnLab lab;
    private ClusterLab cluster;
    private Vpncmd vpncmd;

    @BeforeAll
    void startCluster() {
        assumeTrue(VpnLab.runningAsRoot(), "the cluster lab needs root (network namespaces): run via scripts/test");
        lab = VpnLab.create();
        cluster = ClusterLab.onFirstNodesDatabase(lab, 2);
        vpncmd = new Vpncmd(lab, lab.a(), "vpncmd-admin");
    }

    @AfterAll
    void stopCluster() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void hubsAndUsersMadeThroughOneNodeAreListedThroughAnother() {
        server(0, "HubCreateStatic", "ADMSTATIC", "/PASSWORD:static-hub-pw");
        server(0, "HubCreate", "ADMDYN", "/PASSWORD:dyn-hub-pw");

        Map<String, Map<String, String>> hubs = byKey(VpncmdTable.records(server(1, "HubList")), "Virtual Hub Name");
        System.out.println("HubList through " + ClusterLab.NAMES.get(1) + ": " + hubs);
        assertThat(hubs).containsKeys("ADMSTATIC", "ADMDYN");
        assertThat(hubs.get("ADMSTATIC").get("Type")).containsIgnoringCase("static");
        assertThat(hubs.get("ADMDYN").get("Type")).as("HubCreate makes a dynamic hub, as on a SoftEther controller")
                .containsIgnoringCase("dynamic");
        assertThat(cluster.cli("hub", "list")).contains("ADMDYN").contains("DYNAMIC");

        serverOnHub(0, "ADMSTATIC", "UserCreate", "carol", "/GROUP:none", "/REALNAME:Carol Admin", "/NOTE:made by vpncmd");
        serverOnHub(0, "ADMSTATIC", "UserPasswordSet", "carol", "/PASSWORD:carol-pw");

        Map<String, Map<String, String>> users = byKey(VpncmdTable.records(serverOnHub(1, "ADMSTATIC", "UserList")), "User Name");
        System.out.println("UserList through " + ClusterLab.NAMES.get(1) + ": " + users);
        assertThat(users).containsKey("carol");
        assertThat(users.get("carol").get("Auth Method")).containsIgnoringCase("password");
        Map<String, String> carol = VpncmdTable.items(serverOnHub(1, "ADMSTATIC", "UserGet", "carol"));
        System.out.println("UserGet carol: " + carol);
        assertThat(carol).containsEntry("User Name", "carol").containsEntry("Full Name", "Carol Admin")
                .containsEntry("Description", "made by vpncmd");
        assertThat(cluster.cli("user", "list", "ADMSTATIC")).contains("carol");

        serverOnHub(1, "ADMSTATIC", "Offline");
        assertThat(status(0, "ADMSTATIC")).as("through another node").isEqualTo("Offline");
        serverOnHub(0, "ADMSTATIC", "Online");
        assertThat(status(1, "ADMSTATIC")).isEqualTo("Online");
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aHubAdministratorSeesAndChangesOnlyItsOwnHub() {
        String own = hubAdmin(1, "ADMSTATIC", "static-hub-pw", List.of("HubList")).stdout();
        List<String> visible = VpncmdTable.records(own).stream().map(r -> r.get("Virtual Hub Name")).toList();
        assertThat(visible).containsExactly("ADMSTATIC");

        ProcessResult other = hubAdmin(1, "ADMSTATIC", "static-hub-pw", List.of("Hub", "ADMDYN"));
        assertThat(Vpncmd.succeeded(other)).as("selecting another hub: %s", other.describe()).isFalse();
        assertThat(other.stdout()).contains("52");

        ProcessResult delete = hubAdmin(0, "ADMSTATIC", "static-hub-pw", List.of("HubDelete", "ADMDYN"));
        assertThat(Vpncmd.succeeded(delete)).isFalse();
        assertThat(cluster.cli("hub", "list")).contains("ADMDYN");
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aRealClientsSessionIsListedShownAndCutOffThroughEitherNode() {
        serverOnHub(0, "ADMSTATIC", "UserCreate", "dave", "/GROUP:none", "/REALNAME:none", "/NOTE:none");
        serverOnHub(0, "ADMSTATIC", "UserPasswordSet", "dave", "/PASSWORD:dave-pw");
        RealVpnClient client = RealVpnClient.start(lab, lab.b());
        try {
            client.nicCreate(NIC);
            client.accountCreate("adm", ClusterLab.endpoint(1, true), "ADMSTATIC", "dave", NIC);
            client.accountPassword("adm", "dave-pw");
            client.accountRetry("adm", 0, 5); // once cut off, it stays off
            client.connect("adm");
            String session = client.awaitEstablished("adm", CONNECT).sessionName();
            int holder = cluster.nodeOfSession("ADMSTATIC", "dave");
            int other = 1 - holder;

            for (int node : List.of(holder, other)) {
                Map<String, Map<String, String>> sessions = sessionList(node);
                System.out.println("SessionList through " + ClusterLab.NAMES.get(node) + ": " + sessions);
                assertThat(sessions).containsKey(session);
                assertThat(sessions.get(session).get("User Name")).isEqualTo("dave");
                assertThat(sessions.get(session).get("Location")).as("vpncmd's location column")
                        .contains(ClusterLab.NAMES.get(holder));
                // The client may add a connection at any moment, and the row counts as of its node's last report.
                assertThat(sessions.get(session).get("TCP Connections")).matches("[1-9]\\d* / [1-9]\\d*");
                Map<String, String> detail = VpncmdTable.items(serverOnHub(node, "ADMSTATIC", "SessionGet", session));
                System.out.println("SessionGet through " + ClusterLab.NAMES.get(node) + ": " + detail);
                assertThat(detail).containsEntry("User Name (Authentication)", "dave")
                        .hasEntrySatisfying("Number of TCP Connections", n -> assertThat(n).matches("[1-9]\\d*"));
                assertThat(detail.get("Client IP Address")).isEqualTo(lab.clientAddress(lab.b()));
            }

            // Through the node that does not hold it: the holder carries it out from its command queue.
            serverOnHub(other, "ADMSTATIC", "SessionDisconnect", session);
            client.awaitStatus("adm", "cut off by the administrator", s -> !s.established(), Duration.ofSeconds(10));
            Deadline.await("session " + session + " gone from SessionList", Duration.ofSeconds(10),
                    () -> sessionList(holder).containsKey(session) ? Optional.empty() : Optional.of(true),
                    () -> serverOnHub(holder, "ADMSTATIC", "SessionList"));
            assertThat(Vpncmd.succeeded(vpncmd.run(args(holder, List.of("/PASSWORD:" + SERVER_PASSWORD,
                    "/ADMINHUB:ADMSTATIC"), "SessionGet", session)))).as("the session is gone").isFalse();
        } finally {
            client.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void theClusterCommandsShowTheSameClusterThroughEitherNode() {
        for (int node : List.of(0, 1)) {
            String through = ClusterLab.NAMES.get(node);
            Map<String, Map<String, String>> members = byKey(VpncmdTable.rows(server(node, "ClusterMemberList")),
                    "Host Name");
            System.out.println("ClusterMemberList through " + through + ": " + members);
            assertThat(members).containsOnlyKeys("cn1", "cn2");
            assertThat(members.values().stream().filter(m -> m.get("Type").equals("Controller")).count())
                    .as("one controller, the lease holder").isEqualTo(1);
            String controller = cluster.controller();
            assertThat(members.get(controller).get("Type")).isEqualTo("Controller");

            String id = members.get("cn2").get("ID");
            Map<String, String> info = VpncmdTable.items(server(node, "ClusterMemberInfoGet", id));
            System.out.println("ClusterMemberInfoGet " + id + " through " + through + ": " + info);
            assertThat(info).containsEntry("Host Name", "cn2").containsEntry("IP Address", ClusterLab.ADDRESSES.get(1))
                    .containsEntry("Public Port #1 (TCP/IP)", String.valueOf(ClusterLab.PORT))
                    .containsEntry("Performance Standard Ratio", "100");
            assertThat(info.values()).anyMatch(v -> v.startsWith("ADMSTATIC"));

            Map<String, String> connection = VpncmdTable.items(server(node, "ClusterConnectionStatusGet"));
            System.out.println("ClusterConnectionStatusGet through " + through + ": " + connection);
            assertThat(connection).containsEntry("Connection Status", "Online")
                    .containsEntry("Controller TCP/IP Port", "3307")
                    .containsEntry("Number of Connection Attempts", "1")
                    .containsEntry("Number of Successful Connections", "1")
                    .containsEntry("Number of Failed Connections", "0");

            Map<String, String> setting = VpncmdTable.items(server(node, "ClusterSettingGet"));
            System.out.println("ClusterSettingGet through " + through + ": " + setting);
            boolean holdsLease = controller.equals(through);
            assertThat(setting.get("Current Configuration")).isEqualTo(holdsLease ? "Cluster Controller"
                    : "Cluster Member Server");
            assertThat(setting).containsEntry("Performance Standard in Cluster", "100");
        }

        ProcessResult standalone = vpncmd.run(args(0, List.of("/PASSWORD:" + SERVER_PASSWORD), "ClusterSettingStandalone"));
        assertThat(Vpncmd.succeeded(standalone)).as("no standalone mode: %s", standalone.describe()).isFalse();
        assertThat(standalone.stdout()).contains("33");
        server(1, "ClusterSettingController", "/WEIGHT:300", "/ONLY:no");
        assertThat(VpncmdTable.items(server(1, "ClusterSettingGet")))
                .containsEntry("Performance Standard in Cluster", "300");
        assertThat(VpncmdTable.items(server(0, "ClusterMemberInfoGet",
                byKey(VpncmdTable.rows(server(0, "ClusterMemberList")), "Host Name").get("cn2").get("ID"))))
                .as("the other node sees the new weight").containsEntry("Performance Standard Ratio", "300");
        server(1, "ClusterSettingController", "/WEIGHT:100", "/ONLY:no");
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void aBridgeIsCreatedOnTheNodeTheAdministratorIsConnectedTo() {
        server(0, "BridgeCreate", "ADMSTATIC", "/DEVICE:admtap", "/TAP:yes");
        Map<String, Map<String, String>> bridges = byKey(VpncmdTable.rows(server(0, "BridgeList")),
                "Network Adapter or Tap Device Name");
        System.out.println("BridgeList through cn1: " + bridges);
        assertThat(bridges).containsOnlyKeys("admtap");
        assertThat(bridges.get("admtap").get("Virtual Hub Name")).isEqualTo("ADMSTATIC");
        Deadline.await("the bridge operating", Duration.ofSeconds(15), () -> {
            String status = byKey(VpncmdTable.rows(server(0, "BridgeList")), "Network Adapter or Tap Device Name")
                    .get("admtap").get("Status");
            return status.equals("Operating") ? Optional.of(status) : Optional.empty();
        }, () -> server(0, "BridgeList") + cluster.cli("bridge", "list"));
        assertThat(VpncmdTable.rows(server(1, "BridgeList"))).as("cn2 bridges nothing").isEmpty();
        assertThat(cluster.cli("bridge", "list")).contains("tap_admtap");
        server(0, "BridgeDelete", "ADMSTATIC", "/DEVICE:admtap");
        assertThat(VpncmdTable.rows(server(0, "BridgeList"))).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(6)
    void usersAndHubsAreDeletedThroughAnyNode() {
        serverOnHub(1, "ADMSTATIC", "UserDelete", "carol");
        serverOnHub(1, "ADMSTATIC", "UserDelete", "dave");
        assertThat(VpncmdTable.records(serverOnHub(0, "ADMSTATIC", "UserList"))).isEmpty();
        server(1, "HubDelete", "ADMDYN");
        assertThat(byKey(VpncmdTable.records(server(0, "HubList")), "Virtual Hub Name")).doesNotContainKey("ADMDYN")
                .containsKey("ADMSTATIC");
    }

    // ---------------------------------------------------------------------------------------------

    private Map<String, Map<String, String>> sessionList(int node) {
        return byKey(VpncmdTable.records(serverOnHub(node, "ADMSTATIC", "SessionList")), "Session Name");
    }

    private String status(int node, String hub) {
        return byKey(VpncmdTable.records(server(node, "HubList")), "Virtual Hub Name").get(hub).get("Status");
    }

    private String server(int node, String... command) {
        return vpncmd.runOk(args(node, List.of("/PASSWORD:" + SERVER_PASSWORD), command));
    }

    private String serverOnHub(int node, String hub, String... command) {
        return vpncmd.runOk(args(node, List.of("/PASSWORD:" + SERVER_PASSWORD, "/ADMINHUB:" + hub), command));
    }

    private ProcessResult hubAdmin(int node, String hub, String password, List<String> command) {
        return vpncmd.run(args(node, List.of("/HUB:" + hub, "/PASSWORD:" + password), command.toArray(String[]::new)));
    }

    private static List<String> args(int node, List<String> options, String... command) {
        List<String> args = new ArrayList<>();
        args.add(ClusterLab.ADDRESSES.get(node) + ":" + ClusterLab.PORT);
        args.add("/SERVER");
        args.addAll(options);
        args.add("/CMD");
        args.addAll(List.of(command));
        return args;
    }

    private static Map<String, Map<String, String>> byKey(List<Map<String, String>> records, String key) {
        Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
        for (Map<String, String> r : records) {
            out.put(r.getOrDefault(key, ""), r);
        }
        return out;
    }
}
