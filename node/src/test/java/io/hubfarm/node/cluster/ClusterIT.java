package io.hubfarm.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.client.SoftEtherClient;
import io.hubfarm.node.tls.ClusterSecret;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.Lease;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.cluster.NodeState;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.hub.NewHubUser;
import io.hubfarm.schema.hub.PlacementRepository;
import io.hubfarm.schema.testing.TestDatabase;
import io.hubfarm.schema.testing.TestDatabaseServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes from the fat jar on one MariaDB, weights 100/100/200, driven with the
 * project's protocol client: placement by points, redirects with tickets, the weight split of a
 * burst, the single instance of a dynamic hub, and the cluster surviving kill -9 of the node
 * hosting a dynamic hub and of the controller. The tests share the cluster and run in order; the
 * last two kill nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    static Path work;

    static final String STATIC_HUB = "CLSTATIC";
    static final String DYNAMIC_HUB = "CLDYN";
    static final Duration EMPTY_HUB_GRACE = Duration.ofSeconds(3);
    static final Map<String, Integer> WEIGHTS = new LinkedHashMap<>(Map.of("cl-n1", 100, "cl-n2", 100, "cl-n3", 200));
    static final ProcessCluster cluster = new ProcessCluster(
            new LinkedHashMap<>(Map.of("cl-n1", 15661, "cl-n2", 15662, "cl-n3", 15663)));

    static NodeRepository nodeRows;
    static Hub staticHub;
    static Hub dynamicHub;

    @BeforeAll
    static void startCluster() throws Exception {
        nodeRows = new NodeRepository(db.jdbi());
        new ClusterSettings(db.jdbi()).put(ClusterTiming.EMPTY_HUB_GRACE, String.valueOf(EMPTY_HUB_GRACE.toMillis()));
        HubRepository hubs = new HubRepository(db.jdbi());
        staticHub = hubs.create(NewHub.of(STATIC_HUB, HubType.STATIC));
        dynamicHub = hubs.create(NewHub.of(DYNAMIC_HUB, HubType.DYNAMIC));
        new HubUserRepository(db.jdbi()).create(STATIC_HUB, NewHubUser.anonymous("guest"));
        new HubUserRepository(db.jdbi()).create(DYNAMIC_HUB, NewHubUser.anonymous("guest"));
        for (String name : cluster.names()) {
            cluster.start(name, work, databaseArgs(name));
        }
        cluster.awaitOnline(ClusterIT::online);
        cluster.await("a controller", Duration.ofSeconds(15), () -> lease().holderId().isPresent());
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    @Order(1)
    void eachClientGoesToTheNodeWithTheMostPointsThroughRedirectsFromTheEntryNode() throws Exception {
        List<SoftEtherClient> clients = new ArrayList<>();
        try {
            Set<String> hosts = new java.util.HashSet<>();
            for (int i = 0; i < 3; i++) {
                // One at a time, and each after every node has reported it: then the points alone
                // decide, and an empty node always beats one with a session.
                SoftEtherClient c = connect("cl-n1", STATIC_HUB);
                clients.add(c);
                String host = nodeOf(c);
                assertThat(sessionNode(STATIC_HUB, c.sessionName())).as("the sessions table agrees with the client's peer")
                        .isEqualTo(host);
                assertThat(c.redirects()).as("redirected unless kept by the entry node").isEqualTo(host.equals("cl-n1") ? 0 : 1);
                hosts.add(host);
                int expected = i + 1;
                cluster.await("heartbeats showing " + expected + " sessions", Duration.ofSeconds(10),
                        () -> nodeRows.list().stream().filter(r -> WEIGHTS.containsKey(r.name()))
                                .mapToInt(NodeRow::sessions).sum() == expected);
                Thread.sleep(1_200); // let every entry node read the view once more: a refresh period, not a condition
            }
            assertThat(hosts).as("an empty node always has more points than one with a session")
                    .containsExactlyInAnyOrderElementsOf(WEIGHTS.keySet());
        } finally {
            clients.forEach(SoftEtherClient::close);
        }
        cluster.await("the sessions to end", Duration.ofSeconds(10), () -> sessionCount(STATIC_HUB) == 0);
    }

    @Test
    @Order(2)
    void aBurstOfFortySplitsByWeight() throws Exception {
        cluster.await("nodes reporting no session", Duration.ofSeconds(10),
                () -> nodeRows.list().stream().filter(r -> WEIGHTS.containsKey(r.name())).allMatch(r -> r.sessions() == 0));
        List<String> entries = List.copyOf(WEIGHTS.keySet());
        List<SoftEtherClient> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(40)) {
            List<CompletableFuture<SoftEtherClient>> opened = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String entry = entries.get(i % entries.size()); // as DNS round robin would spread them
                opened.add(CompletableFuture.supplyAsync(() -> connect(entry, STATIC_HUB), pool));
            }
            for (CompletableFuture<SoftEtherClient> f : opened) {
                clients.add(f.join());
            }
            Map<String, Long> perNode = clients.stream().collect(Collectors.groupingBy(ClusterIT::nodeOf, Collectors.counting()));
            System.out.println("40 sessions at once, weights " + WEIGHTS + ": " + perNode);
            assertThat(perNode.getOrDefault("cl-n1", 0L)).as("n1 (weight 100) of " + perNode).isBetween(8L, 12L);
            assertThat(perNode.getOrDefault("cl-n2", 0L)).as("n2 (weight 100) of " + perNode).isBetween(8L, 12L);
            assertThat(perNode.getOrDefault("cl-n3", 0L)).as("n3 (weight 200) of " + perNode).isBetween(16L, 24L);
        } finally {
            clients.forEach(SoftEtherClient::close);
        }
        cluster.await("the sessions to end", Duration.ofSeconds(15), () -> sessionCount(STATIC_HUB) == 0);
    }

    @Test
    @Order(3)
    void everySessionOfADynamicHubLandsOnOneNodeAndTheHubIsReleasedWhenEmpty() throws Exception {
        List<SoftEtherClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                clients.add(connect(List.copyOf(WEIGHTS.keySet()).get(i % 3), DYNAMIC_HUB));
            }
            Set<String> hosts = clients.stream().map(ClusterIT::nodeOf).collect(Collectors.toSet());
            assertThat(hosts).as("one instance of the dynamic hub").hasSize(1);
            assertThat(sessionNodes(DYNAMIC_HUB)).containsOnly(hosts.iterator().next());
            assertThat(placementNode()).contains(hosts.iterator().next());
            exchangeFrames(clients.get(0), clients.get(1));
        } finally {
            clients.forEach(SoftEtherClient::close);
        }
        cluster.await("the empty hub's placement to be released", EMPTY_HUB_GRACE.plusSeconds(10),
                () -> placementNode().isEmpty());
        cluster.await("no node running the hub", Duration.ofSeconds(5),
                () -> nodeRows.list().stream().allMatch(r -> r.dynamicHubs() == 0));
    }

    @Test
    @Order(4)
    void killingTheNodeOfADynamicHubMovesItsClientsToOneSurvivor() throws Exception {
        List<SoftEtherClient> clients = new ArrayList<>();
        List<SoftEtherClient> moved = new ArrayList<>();
        try {
            clients.add(connect("cl-n1", DYNAMIC_HUB));
            clients.add(connect("cl-n2", DYNAMIC_HUB));
            String host = nodeOf(clients.get(0));
            assertThat(nodeOf(clients.get(1))).isEqualTo(host);
            List<String> survivors = WEIGHTS.keySet().stream().filter(n -> !n.equals(host)).toList();

            long killedAt = System.nanoTime();
            cluster.kill(host);
            // Each client reconnects by itself through a surviving entry node, as a real client
            // configured with the cluster's DNS name would.
            moved.add(cluster.reconnect(survivors.get(0), DYNAMIC_HUB, Duration.ofSeconds(30)));
            moved.add(cluster.reconnect(survivors.get(1), DYNAMIC_HUB, Duration.ofSeconds(30)));
            exchangeFrames(moved.get(0), moved.get(1));
            long millis = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.println("kill -9 of " + host + " (dynamic hub host): both clients back on one node and "
                    + "exchanging frames after " + millis + " ms");
            assertThat(nodeOf(moved.get(0))).isEqualTo(nodeOf(moved.get(1))).isIn(survivors);
            assertThat(millis).as("back within 20 s").isLessThan(20_000);
            cluster.await(host + " declared dead", Duration.ofSeconds(15),
                    () -> nodeRows.find(host).orElseThrow().state() == NodeState.DEAD);
        } finally {
            clients.forEach(SoftEtherClient::close);
            moved.forEach(SoftEtherClient::close);
        }
    }

    @Test
    @Order(5)
    void killingTheControllerHandsTheLeaseOnWithinTheTtlAndIntakeGoesOn() throws Exception {
        cluster.await("a live controller", Duration.ofSeconds(15), () -> lease().holderId().isPresent()
                && cluster.isAlive(nameOf(lease().holderId().getAsLong())));
        Lease before = lease();
        String controller = nameOf(before.holderId().getAsLong());
        String survivor = cluster.names().stream().filter(n -> cluster.isAlive(n) && !n.equals(controller))
                .findFirst().orElseThrow();

        long killedAt = System.nanoTime();
        cluster.kill(controller);
        SoftEtherClient during = cluster.reconnect(survivor, STATIC_HUB, Duration.ofSeconds(20));
        try {
            cluster.await("another node holding the lease", Duration.ofSeconds(10),
                    () -> lease().epoch() > before.epoch() && lease().holderId().isPresent());
            long millis = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.println("kill -9 of controller " + controller + ": lease held by "
                    + nameOf(lease().holderId().getAsLong()) + " after " + millis + " ms");
            assertThat(millis).as("within ttl + 1 s").isLessThanOrEqualTo(ClusterTiming.DEFAULTS.leaseTtl().toMillis() + 1_000);
            assertThat(during.isConnected()).as("a client connecting meanwhile is served").isTrue();
        } finally {
            during.close();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** The shared test database, this node's weight, and the cluster secret every node gets. */
    private static List<String> databaseArgs(String name) throws IOException {
        Path secret = work.resolve("cluster-secret");
        if (!Files.exists(secret)) {
            ClusterSecret.generate(secret);
        }
        List<String> args = new ArrayList<>(List.of("--db-url", db.url().toJdbc(), "--weight",
                String.valueOf(WEIGHTS.get(name)), "--cluster-secret-file", secret.toString()));
        TestDatabaseServer server = TestDatabaseServer.get();
        args.addAll(List.of("--db-user", server.user()));
        if (!server.password().isEmpty()) {
            Path pw = Files.writeString(work.resolve("db-password"), server.password());
            args.addAll(List.of("--db-password-file", pw.toString()));
        }
        return args;
    }

    static SoftEtherClient connect(String entry, String hub) {
        return cluster.connect(entry, hub);
    }

    static String nodeOf(SoftEtherClient c) {
        return cluster.nodeOf(c);
    }

    private static void exchangeFrames(SoftEtherClient a, SoftEtherClient b) throws InterruptedException {
        cluster.exchangeFrames(a, b, Duration.ofSeconds(10));
    }

    private static String sessionNode(String hub, String sessionName) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT n.name FROM sessions s JOIN nodes n ON n.id = s.node_id JOIN hubs hb ON hb.id = s.hub_id
                WHERE hb.name = :hub AND s.session_name = :session""")
                .bind("hub", hub).bind("session", sessionName).mapTo(String.class).one());
    }

    private static List<String> sessionNodes(String hub) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT n.name FROM sessions s JOIN nodes n ON n.id = s.node_id JOIN hubs hb ON hb.id = s.hub_id
                WHERE hb.name = :hub""").bind("hub", hub).mapTo(String.class).list());
    }

    private static int sessionCount(String hub) {
        return sessionNodes(hub).size();
    }

    private static Optional<String> placementNode() {
        return new PlacementRepository(db.jdbi()).find(dynamicHub.id()).map(p -> nameOf(p.nodeId()));
    }

    private static String nameOf(long nodeId) {
        return nodeRows.list().stream().filter(r -> r.id() == nodeId).map(NodeRow::name).findFirst().orElseThrow();
    }

    private static Lease lease() {
        return new ControllerLeaseRepository(db.jdbi()).current();
    }

    private static boolean online(String name) {
        return nodeRows.find(name).map(r -> r.state() == NodeState.ONLINE).orElse(false);
    }
}
