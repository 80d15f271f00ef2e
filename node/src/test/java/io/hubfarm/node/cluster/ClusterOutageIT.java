package io.hubfarm.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.client.ClientCredentials;
import io.hubfarm.node.client.ClientOptions;
import io.hubfarm.node.client.SoftEtherClient;
import io.hubfarm.node.client.SoftEtherClientException;
import io.hubfarm.node.e2e.HubInstanceLog;
import io.hubfarm.node.process.NodeProcess;
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
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
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
    static final Map<String, Integer> PORTS = new LinkedHashMap<>(Map.of("out-n1", 15671, "out-n2", 15672, "out-n3", 15673));
    static final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
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
        for (String name : PORTS.keySet()) {
            String listen = "127.0.0.1:" + PORTS.get(name);
            nodes.put(name, NodeProcess.start(work.resolve(name), Map.of("HUBFARM_ADMIN_PASSWORD", "outage-admin"),
                    "node", "--db-url", mariadb.url("hubfarm").toJdbc(), "--db-user", "root", "--name", name,
                    "--listen", listen, "--public-address", listen, "--data-dir", work.resolve(name + "-data").toString(),
                    "--cluster-secret-file", secret.toString()));
        }
        NodeRepository rows = new NodeRepository(db.jdbi());
        for (Map.Entry<String, NodeProcess> n : nodes.entrySet()) {
            n.getValue().await(n.getKey() + " online and listening", Duration.ofSeconds(90),
                    () -> rows.find(n.getKey()).map(r -> r.state() == NodeState.ONLINE).orElse(false)
                            && listening(PORTS.get(n.getKey())));
        }
    }

    @AfterAll
    static void stopCluster() {
        nodes.values().forEach(NodeProcess::close);
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
                clients.add(mustConnect(List.copyOf(PORTS.keySet()).get(i % 3), STATIC_HUB));
            }
            Map<String, List<SoftEtherClient>> byNode = clients.stream().collect(Collectors.groupingBy(ClusterOutageIT::nodeOf));
            List<SoftEtherClient> pair = byNode.values().stream().filter(l -> l.size() >= 2).findFirst().orElseThrow();
            exchangeFrames(pair.get(0), pair.get(1), Duration.ofSeconds(10));

            mariadb.close();
            long stoppedAt = System.nanoTime();
            while (System.nanoTime() - stoppedAt < Duration.ofSeconds(3).toNanos()) {
                exchangeFrames(pair.get(0), pair.get(1), Duration.ofSeconds(2));
            }
            mariadb = EmbeddedMariaDb.start(dbBase, dbData, "127.0.0.1", dbPort);
            exchangeFrames(pair.get(0), pair.get(1), Duration.ofSeconds(10));
            assertThat(clients).allMatch(SoftEtherClient::isConnected);
            awaitCondition("every node heartbeating again", Duration.ofSeconds(15), () -> allAlive());
        } finally {
            clients.forEach(SoftEtherClient::close);
        }
    }

    @Test
    @Order(2)
    void aTenSecondOutageStopsTheDynamicHubAndAfterwardsItRunsOnExactlyOneNode() throws Exception {
        awaitCondition("every node heartbeating", Duration.ofSeconds(15), () -> allAlive());
        List<SoftEtherClient> clients = new ArrayList<>();
        List<SoftEtherClient> back = new ArrayList<>();
        try {
            // As a real client would: a node still fenced from the first outage refuses until it has
            // confirmed a heartbeat again, and the client retries.
            clients.add(reconnect("out-n1", Duration.ofSeconds(15)));
            clients.add(reconnect("out-n2", Duration.ofSeconds(15)));
            String host = nodeOf(clients.get(0));
            assertThat(nodeOf(clients.get(1))).isEqualTo(host);
            exchangeFrames(clients.get(0), clients.get(1), Duration.ofSeconds(10));

            mariadb.close();
            long stoppedAt = System.nanoTime();
            awaitCondition("the dynamic hub's clients cut off by its fenced node", Duration.ofSeconds(8),
                    () -> clients.stream().noneMatch(SoftEtherClient::isConnected));
            long fencedAfter = (System.nanoTime() - stoppedAt) / 1_000_000;
            Thread.sleep(Math.max(0, Duration.ofSeconds(10).toMillis() - fencedAfter)); // the outage's length, not a sync
            mariadb = EmbeddedMariaDb.start(dbBase, dbData, "127.0.0.1", dbPort);
            long restartedAt = System.nanoTime();

            back.add(reconnect("out-n2", Duration.ofSeconds(30)));
            back.add(reconnect("out-n3", Duration.ofSeconds(30)));
            assertThat(nodeOf(back.get(0))).isEqualTo(nodeOf(back.get(1)));
            exchangeFrames(back.get(0), back.get(1), Duration.ofSeconds(10));
            System.out.printf("10 s database outage: %s dropped the dynamic hub %d ms after the stop; both clients "
                    + "back on %s %d ms after the restart%n", host, fencedAfter, nodeOf(back.get(0)),
                    (System.nanoTime() - restartedAt) / 1_000_000);
        } finally {
            clients.forEach(SoftEtherClient::close);
            back.forEach(SoftEtherClient::close);
        }
        assertNoTwoInstancesAtOnce(DYNAMIC_HUB);
    }

    // ---------------------------------------------------------------------------------------------

    private static void assertNoTwoInstancesAtOnce(String hub) {
        Map<String, String> logs = new LinkedHashMap<>();
        nodes.forEach((name, process) -> logs.put(name, process.stderr()));
        HubInstanceLog.assertNeverTwoAtOnce(hub, logs);
    }

    private static boolean allAlive() {
        try {
            return new NodeRepository(db.jdbi()).list().stream()
                    .allMatch(r -> r.state() == NodeState.ONLINE && r.heartbeatAge().compareTo(Duration.ofSeconds(2)) < 0);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static SoftEtherClient connect(String entry, String hub) {
        return SoftEtherClient.connect(ClientOptions.of("127.0.0.1", PORTS.get(entry), hub, "guest",
                ClientCredentials.anonymous()));
    }

    /** A connection the test expects to succeed: a refusal fails with the nodes' recent logs. */
    private static SoftEtherClient mustConnect(String entry, String hub) {
        try {
            return connect(entry, hub);
        } catch (SoftEtherClientException e) {
            throw new AssertionError("connecting through " + entry + " to " + hub + " failed: " + e.getMessage()
                    + "\n" + logTails(), e);
        }
    }

    private static String logTails() {
        StringBuilder logs = new StringBuilder();
        nodes.forEach((n, p) -> {
            List<String> lines = p.stderr().lines().toList();
            logs.append("--- ").append(n).append('\n')
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()))).append('\n');
        });
        return logs.toString();
    }

    private static SoftEtherClient reconnect(String entry, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        SoftEtherClientException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return connect(entry, DYNAMIC_HUB);
            } catch (SoftEtherClientException e) {
                last = e;
                Thread.sleep(500); // this simulated client's retry interval, not a synchronisation
            }
        }
        throw new AssertionError("no session through " + entry + " within " + within, last);
    }

    private static String nodeOf(SoftEtherClient c) {
        int port = Integer.parseInt(c.sessionServer().substring(c.sessionServer().lastIndexOf(':') + 1));
        return PORTS.entrySet().stream().filter(e -> e.getValue() == port).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static void exchangeFrames(SoftEtherClient a, SoftEtherClient b, Duration within) throws InterruptedException {
        for (SoftEtherClient[] pair : new SoftEtherClient[][] {{a, b}, {b, a}}) {
            byte[] frame = new byte[60];
            Arrays.fill(frame, 0, 6, (byte) 0xff);
            frame[6] = 0x02;
            frame[11] = (byte) System.identityHashCode(pair[0]);
            frame[12] = (byte) 0x88;
            frame[13] = (byte) 0xb5;
            byte[] payload = ("outage " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(payload, 0, frame, 14, payload.length);
            awaitCondition("a frame across the hub", within, () -> {
                pair[0].send(frame);
                try {
                    for (byte[] got = pair[1].receive(Duration.ofMillis(200)); got != null;
                         got = pair[1].receive(Duration.ofMillis(20))) {
                        if (Arrays.equals(got, frame)) {
                            return true;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            });
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitCondition(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within + " waiting for " + what + "\n" + logTails());
            }
            Thread.sleep(50);
        }
    }
}
