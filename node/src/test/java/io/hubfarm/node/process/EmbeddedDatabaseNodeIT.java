package io.hubfarm.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.schema.Database;
import io.hubfarm.schema.DatabaseSettings;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.cluster.NodeState;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hubfarm node} with no database: the embedded MariaDB, a second node on it, and a restart that keeps the data. */
class EmbeddedDatabaseNodeIT {
    @TempDir
    Path work;

    @Test
    void aOneNodeClusterStartsKeepsItsDataAndAcceptsASecondNode() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/hubfarm";
        Path data1 = work.resolve("n1-data");
        String[] n1Args = {"node", "--name", "n1", "--listen", "127.0.0.1:5555", "--data-dir", data1.toString(),
                "--embedded-db-port", String.valueOf(port)};

        try (NodeProcess n1 = NodeProcess.start(work.resolve("n1"), Map.of(), n1Args)) {
            n1.await("n1 online on its embedded database", Duration.ofSeconds(90),
                    () -> n1.stderr().contains("Node 'n1' online"));

            Path passwordFile = data1.resolve("admin-password");
            assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String password = Files.readString(passwordFile).strip();
            assertThat(n1.stdout().lines()).containsExactly(
                    "Server administrator password (shown once, also in " + passwordFile + "): " + password);

            NodeProcess info = NodeProcess.run(work, "db", "info", "--db-url", url);
            assertThat(info.exitStatus()).as(info.stderr()).isZero();
            List<String> migrations = info.stdout().lines().filter(l -> l.matches("\\d+\\s.*")).toList();
            assertThat(migrations).as("every migration of this version is applied").isNotEmpty()
                    .allMatch(l -> l.contains("Success"));

            NodeProcess hubs = NodeProcess.run(work, "hub", "list", "--db-url", url);
            assertThat(hubs.exitStatus()).as(hubs.stderr()).isZero();
            assertThat(hubs.stdout()).as("a new one-node cluster has hub DEFAULT").containsPattern("(?m)^DEFAULT\\s+STATIC\\s+yes");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data1.resolve("cluster-secret"))))
                    .isEqualTo("rw-------");

            try (Database db = Database.connect(DatabaseSettings.of(url, "root", ""));
                 NodeProcess n2 = NodeProcess.start(work.resolve("n2"), Map.of(), "node", "--db-url", url,
                         "--name", "n2", "--listen", "127.0.0.1:5556", "--data-dir", work.resolve("n2-data").toString(),
                         "--cluster-secret-file", data1.resolve("cluster-secret").toString())) {
                NodeRepository nodes = new NodeRepository(db.jdbi());
                n2.await("n2 online", Duration.ofSeconds(60), () -> nodes.find("n2")
                        .map(r -> r.state() == NodeState.ONLINE).orElse(false));
                NodeRow n2Row = nodes.find("n2").orElseThrow();
                n2.await("n2 heartbeating", Duration.ofSeconds(5),
                        () -> nodes.find("n2").orElseThrow().lastHeartbeat().isAfter(n2Row.lastHeartbeat()));
                assertThat(nodes.find("n1").orElseThrow().heartbeatAge()).isLessThan(Duration.ofSeconds(3));
                n2.await("n2 listening", Duration.ofSeconds(10), () -> n2.stderr().contains("TLS certificate"));
                assertThat(fingerprint(n2.stderr())).as("every node presents the cluster's certificate")
                        .isEqualTo(fingerprint(n1.stderr()));
                n2.terminate(Duration.ofSeconds(20));
            }
            NodeProcess delete = NodeProcess.run(work, "hub", "delete", "DEFAULT", "--db-url", url);
            assertThat(delete.exitStatus()).as(delete.stderr()).isZero();
            n1.terminate(Duration.ofSeconds(30));
        }

        try (NodeProcess again = NodeProcess.start(work.resolve("n1b"), Map.of(), n1Args)) {
            again.await("n1 online again", Duration.ofSeconds(60), () -> again.stderr().contains("Node 'n1' online"));
            assertThat(again.stderr()).contains("incarnation 2").doesNotContain("Installing a new MariaDB");
            assertThat(again.stdout()).as("the password is shown once per database").isEmpty();
            assertThat(again.stderr()).doesNotContain("Created the");
            try (Database db = Database.connect(DatabaseSettings.of(url, "root", ""))) {
                assertThat(new NodeRepository(db.jdbi()).list()).extracting(NodeRow::name).containsExactly("n1", "n2");
            }
            NodeProcess hubs = NodeProcess.run(work, "hub", "list", "--db-url", url);
            assertThat(hubs.exitStatus()).as(hubs.stderr()).isZero();
            assertThat(hubs.stdout().lines()).as("DEFAULT, deleted by the operator, stays deleted")
                    .singleElement().asString().startsWith("NAME");
            again.terminate(Duration.ofSeconds(30));
        }
    }

    private static String fingerprint(String log) {
        var m = java.util.regex.Pattern.compile("TLS certificate: .*\\(SHA-256 ([0-9a-f:]+)\\)").matcher(log);
        assertThat(m.find()).as("the node logs its certificate").isTrue();
        return m.group(1);
    }
}
