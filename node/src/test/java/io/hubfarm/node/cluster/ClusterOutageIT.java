package io.hubfarm.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.client.SoftEtherClient;
import io.hubfarm.node.e2e.HubInstanceLog;
import io.hubfarm.node.tls.ClusterSecret;
import io.hubfarm.schema.Database;
import io.hubfarm.schema.DatabaseSettings;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeState;
import io.hubfarm.schema.embedded.EmbeddedMariaDb;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.hub.NewHubUser;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes on a MariaDB of the test's own, which it stops and starts again: sessions keep
 * flowing through a short outage; a long one makes the node hosting a dynamic hub drop it, and once
 * the database is back the hub runs on exactly one node. The nodes' logs, all stamped by this host's
 * clock, give every instance's life on every node, and no two may overlap.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOutageIT {
    @TempDir
    static Path work;

    static final String STATIC_HUB = "OUTSTATIC";
    static final String DYNAMIC_HUB = "OUTDYN";
    static final ProcessCluster cluster = new ProcessCluster(
            new LinkedHashMap<>(Map.of("out-n1", 15671, "out-n2", 15672, "out-n3", 15673)));
    static Path dbBase;
    static Path dbData;
    static int dbPort;
    static EmbeddedMariaDb mariadb;
    static Database db;

    @BeforeAll
    static void startCluster() throws Exception {
        dbBase = Path.of(System.getProperty("java.io.tmpdir"), "hubfarm-test-mariadb-base");
        dbData = work.resolve("mariadb-data");
        try (ServerSocket probe = new ServerSocket(0)) {
            dbPort = probe.getLocalPort();
        }
        mariadb = EmbeddedMariaDb.start(dbBase, dbData, "127.0.0.1", dbPort);
        mariadb.createDatabase("hubfarm");
        db = Database.connect(new DatabaseSettings(mariadb.url("hubfarm"), "root", "", 2, Duration.ofSeconds(2)));
        db.migrate();
        new HubRepository(db.jdbi()).create(NewHub.of(STATIC_HUB, HubType.STATIC));
        new HubRepository(db.jdbi()).create(NewHub.of(DYNAMIC_HUB, HubType.DYNAMIC));
        new HubUserRepository(db.jdbi()).create(STATIC_HUB, NewHubUser.anonymous("guest"));
        new HubUserRepository(db.jdbi()).create(DYNAMIC_HUB, NewHubUser.anonymous("guest"));
        Path secret = work.resolve("cluster-secret");
        ClusterSecret.generate(secret);
        for (String name : cluster.names()) {
            cluster.start(name, work, List.of("--db-url", mariadb.url("hubfarm").toJdbc(), "--db-user", "root",
                    "--cluster-secret-file", secret.toString()));
        }
        NodeRepository rows = new NodeRepository(db.jdbi());
        cluster.awaitOnline(name -> rows.find(name).map(r -> r.state() == NodeState.ONLINE).orElse(false));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
        if (db != null) {
            db.close();
        }
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Test
    @Order(1)
    void establishedSessionsKeepFlowingThroughAThreeSecondOutage() throws Exception {
        // Four sessions on three nodes: at least two share a node, and so a static hub's instance.
        List<SoftEtherClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                clients.add(cluster.mustConnect(cluster.names().get(i % 3), STATIC_HUB));
            }
            Map<String, List<SoftEtherClient>> byNode = clients.stream().collect(Collectors.groupingBy(cluster::nodeOf));
            List<SoftEtherClient> pair = byNode.values().stream().filter(l -> l.size() >= 2).findFirst().orElseThrow();
            cluster.exchangeFrames(pair.get(0), pair.get(1), Duration.ofSeconds(10));

            mariadb.close();
            long stoppedAt = System.nanoTime();
            while (System.nanoTime() - stoppedAt < Duration.ofSeconds(3).toNanos()) {
                cluster.exchangeFrames(pair.get(0), pair.get(1), Duration.ofSeconds(2));
            }
            mariadb = EmbeddedMariaDb.start(dbBase, dbData, "127.0.0.1", dbPort);
            cluster.exchangeFrames(pair.get(0), pair.get(1), Duration.ofSeconds(10));
            assertThat(clients).allMatch(SoftEtherClient::isConnected);
            cluster.await("every node heartbeating again", Duration.ofSeconds(15), () -> allAlive());
        } finally {
            clients.forEach(SoftEtherClient::close);
        }
    }

    @Test
    @Order(2)
    void aTenSecondOutageStopsTheDynamicHubAndAfterwardsItRunsOnExactlyOneNode() throws Exception {
        cluster.await("every node heartbeating", Duration.ofSeconds(15), () -> allAlive());
        List<SoftEtherClient> clients = new ArrayList<>();
        List<SoftEtherClient> back = new ArrayList<>();
        try {
            // As a real client would: a node still fenced from the first outage refuses until it has
            // confirmed a heartbeat again, and the client retries.
            clients.add(cluster.reconnect("out-n1", DYNAMIC_HUB, Duration.ofSeconds(15)));
            clients.add(cluster.reconnect("out-n2", DYNAMIC_HUB, Duration.ofSeconds(15)));
            String host = cluster.nodeOf(clients.get(0));
            assertThat(cluster.nodeOf(clients.get(1))).isEqualTo(host);
            cluster.exchangeFrames(clients.get(0), clients.get(1), Duration.ofSeconds(10));

            mariadb.close();
            long stoppedAt = System.nanoTime();
            cluster.await("the dynamic hub's clients cut off by its fenced node", Duration.ofSeconds(8),
                    () -> clients.stream().noneMatch(SoftEtherClient::isConnected));
            long fencedAfter = (System.nanoTime() - stoppedAt) / 1_000_000;
            Thread.sleep(Math.max(0, Duration.ofSeconds(10).toMillis() - fencedAfter)); // the outage's length, not a sync
            mariadb = EmbeddedMariaDb.start(dbBase, dbData, "127.0.0.1", dbPort);
            long restartedAt = System.nanoTime();

            back.add(cluster.reconnect("out-n2", DYNAMIC_HUB, Duration.ofSeconds(30)));
            back.add(cluster.reconnect("out-n3", DYNAMIC_HUB, Duration.ofSeconds(30)));
            assertThat(cluster.nodeOf(back.get(0))).isEqualTo(cluster.nodeOf(back.get(1)));
            cluster.exchangeFrames(back.get(0), back.get(1), Duration.ofSeconds(10));
            System.out.printf("10 s database outage: %s dropped the dynamic hub %d ms after the stop; both clients "
                    + "back on %s %d ms after the restart%n", host, fencedAfter, cluster.nodeOf(back.get(0)),
                    (System.nanoTime() - restartedAt) / 1_000_000);
        } finally {
            clients.forEach(SoftEtherClient::close);
            back.forEach(SoftEtherClient::close);
        }
        assertNoTwoInstancesAtOnce(DYNAMIC_HUB);
    }

    // ---------------------------------------------------------------------------------------------

    private static void assertNoTwoInstancesAtOnce(String hub) {
        HubInstanceLog.assertNeverTwoAtOnce(hub, cluster.logs());
    }

    private static boolean allAlive() {
        try {
            return new NodeRepository(db.jdbi()).list().stream()
                    .allMatch(r -> r.state() == NodeState.ONLINE && r.heartbeatAge().compareTo(Duration.ofSeconds(2)) < 0);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
