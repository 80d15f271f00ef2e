package io.hubfarm.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.schema.embedded.EmbeddedMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Three hubfarm node processes from the fat jar in a {@link VpnLab}'s srv namespace, each on an address
 * of its own (10.231.9.1-3, port 5555, routed from a and b), on one MariaDB: either the first node's
 * embedded database or a MariaDB server of its own in srv, which a test may stop and start again.
 * Set up with the {@code hubfarm} CLI, as an operator would.
 */
final class ClusterLab {
    static final int PORT = 5555;
    static final List<String> NAMES = List.of("cn1", "cn2", "cn3");
    static final List<String> ADDRESSES = List.of("10.231.9.1", "10.231.9.2", "10.231.9.3");
    private static final Duration START = Duration.ofSeconds(120);
    private static final String DB_HOST = "127.0.0.1";

    private final VpnLab lab;
    private final Path dataRoot;
    private final int dbPort;
    private final EmbeddedMariaDb.Launch database;
    private final List<LabProcess> nodes = new ArrayList<>();
    private final int nodeCount;
    private final IntFunction<List<String>> nodeOptions;
    private LabProcess databaseProcess;

    private ClusterLab(VpnLab lab, int dbPort, EmbeddedMariaDb.Launch database) {
        this(lab, dbPort, database, NAMES.size(), i -> List.of());
    }

    private ClusterLab(VpnLab lab, int dbPort, EmbeddedMariaDb.Launch database, int nodeCount,
                       IntFunction<List<String>> nodeOptions) {
        this.lab = lab;
        this.nodeCount = nodeCount;
        this.nodeOptions = nodeOptions;
        this.dataRoot = lab.newDirectory("cluster");
        this.dbPort = dbPort;
        this.database = database;
    }

    /** The first node runs the embedded database; the others use it. */
    static ClusterLab onFirstNodesDatabase(VpnLab lab) {
        return onFirstNodesDatabase(lab, NAMES.size());
    }

    /** As {@link #onFirstNodesDatabase(VpnLab)}, with only the first {@code nodeCount} nodes. */
    static ClusterLab onFirstNodesDatabase(VpnLab lab, int nodeCount) {
        return onFirstNodesDatabase(lab, nodeCount, i -> List.of());
    }

    /** As {@link #onFirstNodesDatabase(VpnLab, int)}, node {@code i} started with {@code nodeOptions(i)} as well. */
    static ClusterLab onFirstNodesDatabase(VpnLab lab, int nodeCount, IntFunction<List<String>> nodeOptions) {
        ClusterLab c = new ClusterLab(lab, 3307, null, nodeCount, nodeOptions);
        c.route();
        c.startNodes();
        return c;
    }

    /** A MariaDB server of the lab's own, which {@link #stopDatabase()} can stop; cluster settings applied before the nodes start. */
    static ClusterLab onItsOwnDatabase(VpnLab lab, Map<String, String> clusterSettings) {
        Path dir = lab.newDirectory("mariadb");
        EmbeddedMariaDb.Launch launch = EmbeddedMariaDb.prepare(
                Path.of(System.getProperty("java.io.tmpdir"), "hubfarm-test-mariadb-base"), dir.resolve("data"),
                DB_HOST, 3308);
        ClusterLab c = new ClusterLab(lab, 3308, launch);
        c.route();
        c.startDatabase();
        lab.exec(lab.srv(), "mariadb", "-h", DB_HOST, "-P", "3308", "-u", "root",
                "-e", "CREATE DATABASE hubfarm CHARACTER SET utf8mb4 COLLATE utf8mb4_bin").requireSuccess();
        c.cli("db", "migrate");
        clusterSettings.forEach((name, value) -> c.cli("cluster", "set", name, value));
        c.startNodes();
        return c;
    }

    private void route() {
        for (String address : ADDRESSES) {
            lab.exec(lab.srv(), "ip", "addr", "add", address + "/32", "dev", "lo").requireSuccess();
        }
        for (Namespace client : lab.clients()) {
            lab.exec(client, "ip", "route", "add", "10.231.9.0/24", "via", lab.serverAddress(client)).requireSuccess();
        }
    }

    private void startNodes() {
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(startNode(i));
            awaitListening(i);
        }
    }

    /** Starts the lab's own MariaDB (again) and waits until it accepts connections. */
    void startDatabase() {
        List<String> command = new ArrayList<>(List.of("env"));
        database.environment().forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(database.command());
        databaseProcess = lab.start(lab.srv(), "mariadb", command);
        lab.awaitListening(lab.srv(), dbPort, START, databaseProcess);
    }

    /** Stops it as an outage would (SIGTERM: MariaDB closes every connection at once). */
    void stopDatabase() {
        databaseProcess.stop(Duration.ofSeconds(30));
    }

    private LabProcess startNode(int i) {
        List<String> command = new ArrayList<>(List.of("env", "HUBFARM_ADMIN_PASSWORD=lab-admin"));
        command.addAll(java());
        String address = ADDRESSES.get(i) + ":" + PORT;
        command.addAll(List.of("node", "--name", NAMES.get(i), "--listen", address, "--public-address", address,
                "--data-dir", dataRoot.resolve(NAMES.get(i)).toString()));
        if (i == 0 && database == null) {
            command.addAll(List.of("--embedded-db-port", String.valueOf(dbPort)));
        } else {
            command.addAll(List.of("--db-url", dbUrl(), "--db-user", "root"));
        }
        command.addAll(nodeOptions.apply(i));
        if (i > 0) {
            // The first node created the cluster and its secret; the others are given that file.
            command.addAll(List.of("--cluster-secret-file",
                    dataRoot.resolve(NAMES.get(0)).resolve("cluster-secret").toString()));
        }
        return lab.start(lab.srv(), "hubfarm-" + NAMES.get(i), command);
    }

    private void awaitListening(int i) {
        LabProcess node = nodes.get(i);
        String address = ADDRESSES.get(i) + ":" + PORT;
        Deadline.await(NAMES.get(i) + " listening on " + address, START, () -> {
            node.requireAlive("the wait for " + address);
            ProcessResult ss = lab.exec(lab.srv(), "ss", "-Hltn", "src", address);
            return ss.succeeded() && !ss.stdout().isBlank();
        }, () -> node.logTail(30));
    }

    LabProcess node(int i) {
        return nodes.get(i);
    }

    private String dbUrl() {
        return "jdbc:mariadb://" + DB_HOST + ":" + dbPort + "/hubfarm";
    }

    private static List<String> java() {
        String jar = System.getProperty("hubfarm.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new LabException("the hubfarm jar is missing (system property hubfarm.jar = " + jar + ")");
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar);
    }

    /** Runs {@code hubfarm ARGS --db-url <the cluster's database>} in srv and returns its output. */
    String cli(String... args) {
        List<String> command = new ArrayList<>(java());
        command.addAll(List.of(args));
        command.addAll(List.of("--db-url", dbUrl()));
        return lab.exec(lab.srv(), Duration.ofSeconds(60), command).requireSuccess().stdout();
    }

    void createUser(String hub, String user, String password) {
        try {
            Path file = Files.createTempFile(dataRoot, "password", ".txt");
            Files.writeString(file, password + "\n");
            cli("user", "create", hub, user, "--password-file", file.toString());
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node's address for an account: "host:port", or "host/tcp:port" to keep the client on TCP. */
    static String endpoint(int i, boolean tcpOnly) {
        return ADDRESSES.get(i) + (tcpOnly ? "/tcp" : "") + ":" + PORT;
    }

    /** The node the user's session is on, from {@code hubfarm session list} (HUB SESSION USER NODE ...). */
    int nodeOfSession(String hub, String user) {
        String node = Deadline.await(user + "'s session on " + hub + " in the session list", Duration.ofSeconds(10),
                () -> cli("session", "list", "--hub", hub).lines().skip(1).map(line -> line.trim().split("\\s+"))
                        .filter(cells -> cells.length > 3 && cells[2].equals(user)).map(cells -> cells[3]).findFirst(),
                () -> cli("session", "list"));
        return NAMES.indexOf(node);
    }

    /** The client's TCP connections go to that node's address, and to no other node. */
    static void assertPeer(RealVpnClient client, int node) {
        Map<String, Integer> peers = ADDRESSES.stream().collect(Collectors.toMap(addr -> addr,
                addr -> client.tcpConnectionsTo(addr, PORT)));
        assertThat(peers.get(ADDRESSES.get(node))).as("TCP peers of %s: %s", client.namespace(), peers).isPositive();
        assertThat(peers.entrySet().stream().filter(e -> !e.getKey().equals(ADDRESSES.get(node)))
                .mapToInt(Map.Entry::getValue).sum()).as("TCP peers of %s: %s", client.namespace(), peers).isZero();
    }

    /** The SESSIONS column of {@code hubfarm cluster status} for a node. */
    int reportedSessions(int node) {
        return cli("cluster", "status").lines().skip(1).map(line -> line.trim().split("\\s+"))
                .filter(cells -> cells.length > 7 && cells[0].equals(NAMES.get(node)))
                .map(cells -> Integer.parseInt(cells[7])).findFirst().orElse(-1);
    }

    /** The node holding the controller lease, from the last line of {@code hubfarm cluster status}. */
    String controller() {
        List<String> lines = cli("cluster", "status").lines().toList();
        String last = lines.getLast();
        int start = last.indexOf("node '");
        return start < 0 ? "" : last.substring(start + 6, last.indexOf('\'', start + 6));
    }
}
