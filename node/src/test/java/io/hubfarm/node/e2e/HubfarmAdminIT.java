package io.hubfarm.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real vpncmd (non-interactive, {@code /CMD}, stdin closed) administers a hubfarm cluster of
 * three node processes through any node: hubs and users made through one node are listed, with
 * vpncmd's own tables, through another; a hub administrator is confined to its hub.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class HubfarmAdminIT {
    private static final String SERVER_PASSWORD = "lab-admin"; // what ClusterLab gives its nodes

    private VpnLab lab;
    private ClusterLab cluster;
    private Vpncmd vpncmd;

    @BeforeAll
    void startCluster() {
        assumeTrue(VpnLab.runningAsRoot(), "the cluster lab needs root (network namespaces): run via scripts/test");
        lab = VpnLab.create();
        cluster = ClusterLab.onFirstNodesDatabase(lab);
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

        Map<String, Map<String, String>> users = byKey(VpncmdTable.records(serverOnHub(2, "ADMSTATIC", "UserList")), "User Name");
        System.out.println("UserList through " + ClusterLab.NAMES.get(2) + ": " + users);
        assertThat(users).containsKey("carol");
        assertThat(users.get("carol").get("Auth Method")).containsIgnoringCase("password");
        Map<String, String> carol = VpncmdTable.items(serverOnHub(1, "ADMSTATIC", "UserGet", "carol"));
        System.out.println("UserGet carol: " + carol);
        assertThat(carol).containsEntry("User Name", "carol").containsEntry("Full Name", "Carol Admin")
                .containsEntry("Description", "made by vpncmd");
        assertThat(cluster.cli("user", "list", "ADMSTATIC")).contains("carol");

        serverOnHub(1, "ADMSTATIC", "Offline");
        assertThat(status(2, "ADMSTATIC")).as("through another node").isEqualTo("Offline");
        serverOnHub(2, "ADMSTATIC", "Online");
        assertThat(status(0, "ADMSTATIC")).isEqualTo("Online");
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

        ProcessResult delete = hubAdmin(2, "ADMSTATIC", "static-hub-pw", List.of("HubDelete", "ADMDYN"));
        assertThat(Vpncmd.succeeded(delete)).isFalse();
        assertThat(cluster.cli("hub", "list")).contains("ADMDYN");
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void usersAndHubsAreDeletedThroughAnyNode() {
        serverOnHub(2, "ADMSTATIC", "UserDelete", "carol");
        assertThat(VpncmdTable.records(serverOnHub(0, "ADMSTATIC", "UserList"))).isEmpty();
        server(1, "HubDelete", "ADMDYN");
        assertThat(byKey(VpncmdTable.records(server(2, "HubList")), "Virtual Hub Name")).doesNotContainKey("ADMDYN")
                .containsKey("ADMSTATIC");
    }

    // ---------------------------------------------------------------------------------------------

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
