package io.hubfarm.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.cluster.NodeState;
import io.hubfarm.schema.testing.TestDatabase;
import io.hubfarm.schema.testing.TestDatabaseServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.hubfarm.node.tls.ClusterSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Real node processes from the fat jar on a shared database: registration, heartbeat, clean stop, CLI errors. */
class SharedDatabaseNodeIT {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase(4, false);

    @TempDir
    Path work;

    @Test
    void twoNodesRegisterHeartbeatAndStopCleanly() throws Exception {
        NodeRepository nodes = new NodeRepository(db.jdbi());
        Map<String, String> env = Map.of("HUBFARM_ADMIN_PASSWORD", "admin-secret");
        try (NodeProcess n1 = NodeProcess.start(work.resolve("n1"), env, args("n1", "127.0.0.1:5555"));
             NodeProcess n2 = NodeProcess.start(work.resolve("n2"), env, args("n2", "127.0.0.1:5556"))) {
            n1.await("n1 online", Duration.ofSeconds(60), () -> online(nodes, "n1"));
            n2.await("n2 online", Duration.ofSeconds(60), () -> online(nodes, "n2"));

            Instant first = nodes.find("n1").orElseThrow().lastHeartbeat();
            n1.await("a later heartbeat of n1", Duration.ofSeconds(5),
                    () -> nodes.find("n1").orElseThrow().lastHeartbeat().isAfter(first));
            assertThat(nodes.find("n2").orElseThrow().listenAddresses()).isEqualTo("127.0.0.1:5556");
            assertThat(new ClusterSettings(db.jdbi()).get("server.admin-password-sha0")).isPresent();
            assertThat(n1.stdout() + n2.stdout()).as("a given password is never printed").doesNotContain("admin-secret");

            n2.terminate(Duration.ofSeconds(20));
            assertThat(nodes.find("n2").orElseThrow().state()).isEqualTo(NodeState.OFFLINE);
            assertThat(nodes.find("n1").orElseThrow().state()).isEqualTo(NodeState.ONLINE);
            n1.terminate(Duration.ofSeconds(20));
            assertThat(nodes.find("n1").orElseThrow().state()).isEqualTo(NodeState.OFFLINE);
            assertThat(n1.stderr()).contains("Node 'n1' stopped");
        }
    }

    @Test
    void dbInfoListsTheAppliedMigrations() throws Exception {
        db.database().migrate();
        NodeProcess info = NodeProcess.run(work, withCredentials("db", "info", "--db-url", db.url().toJdbc()));
        assertThat(info.exitStatus()).as(info.stderr()).isZero();
        assertThat(info.stdout()).contains("cluster model").contains("Success");
        assertThat(info.stderr()).isEmpty();
    }

    @Test
    void aWrongDatabasePasswordIsOneClearLine() throws Exception {
        TestDatabaseServer server = TestDatabaseServer.get();
        server.execute("CREATE USER IF NOT EXISTS 'hf_it_user'@'%' IDENTIFIED BY 'right'");
        try {
            Path pw = Files.writeString(work.resolve("pw"), "wrong\n");
            NodeProcess p = NodeProcess.run(work, "node", "--db-url", db.url().toJdbc(), "--db-user", "hf_it_user",
                    "--db-password-file", pw.toString(), "--data-dir", work.resolve("d").toString());
            assertThat(p.exitStatus()).isEqualTo(2);
            assertThat(p.stderr().lines()).containsExactly("hubfarm: database " + db.url().display()
                    + " refused user 'hf_it_user': wrong password or unknown user");
        } finally {
            server.execute("DROP USER IF EXISTS 'hf_it_user'@'%'");
        }
    }

    @Test
    void anUnreachableDatabaseIsOneClearLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        NodeProcess p = NodeProcess.run(work, "node", "--db-url", "jdbc:mariadb://127.0.0.1:" + port + "/hubfarm",
                "--data-dir", work.resolve("d").toString());
        assertThat(p.exitStatus()).isEqualTo(2);
        assertThat(p.stderr().lines()).hasSize(1).first().asString()
                .startsWith("hubfarm: database jdbc:mariadb://127.0.0.1:" + port + "/hubfarm is unreachable");
    }

    @Test
    void aMalformedUrlAndAnUnknownOptionAreOneClearLineEach() throws Exception {
        NodeProcess url = NodeProcess.run(work, "node", "--db-url", "jdbc:mariadb:/h/x");
        assertThat(url.exitStatus()).isEqualTo(2);
        assertThat(url.stderr().lines()).hasSize(1).first().asString().contains("malformed");

        NodeProcess option = NodeProcess.run(work, "node", "--colour", "red");
        assertThat(option.exitStatus()).isEqualTo(2);
        assertThat(option.stderr().lines()).containsExactly(
                "hubfarm node: Unknown options: '--colour', 'red' (see 'hubfarm node --help')");
    }

    /** Every node of a cluster is given the same cluster secret file. */
    private String[] args(String name, String listen) throws IOException {
        Path secret = work.resolve("cluster-secret");
        if (!Files.exists(secret)) {
            ClusterSecret.generate(secret);
        }
        return withCredentials("node", "--db-url", db.url().toJdbc(), "--name", name, "--listen", listen,
                "--data-dir", work.resolve(name + "-data").toString(), "--cluster-secret-file", secret.toString());
    }

    private String[] withCredentials(String... args) throws IOException {
        TestDatabaseServer server = TestDatabaseServer.get();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-user", server.user()));
        if (!server.password().isEmpty()) {
            Path pw = Files.writeString(work.resolve("db-password"), server.password());
            all.addAll(List.of("--db-password-file", pw.toString()));
        }
        return all.toArray(String[]::new);
    }

    private static boolean online(NodeRepository nodes, String name) {
        Optional<NodeRow> row = nodes.find(name);
        return row.isPresent() && row.get().state() == NodeState.ONLINE;
    }
}
