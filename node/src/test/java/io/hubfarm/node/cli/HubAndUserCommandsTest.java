package io.hubfarm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.Main;
import io.hubfarm.node.admin.DefaultHubBootstrap;
import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.schema.audit.AuditLog;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.NodeRegistration;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.hub.UserAuthType;
import io.hubfarm.schema.session.NewSession;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The operator CLI against a real database: what it changes, what it prints, how it refuses. */
class HubAndUserCommandsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", db.url().toJdbc(), "--db-user", db.settings().user()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    private Path passwordFile(String password) throws IOException {
        Path f = Files.createTempFile(dir, "pw", ".txt");
        Files.writeString(f, password + "\n");
        return f;
    }

    @Test
    void createsListsAndChangesHubs() throws IOException {
        assertThat(run("hub", "create", "SALES").status()).isZero();
        assertThat(run("hub", "create", "OPS", "--dynamic", "--max-sessions", "10",
                "--admin-password-file", passwordFile("hubadmin").toString()).status()).isZero();
        Result list = run("hub", "list");
        assertThat(list.lines().getFirst()).startsWith("NAME").contains("TYPE", "ONLINE", "SESSIONS", "USERS");
        assertThat(list.out()).containsPattern("OPS\\s+DYNAMIC\\s+yes\\s+0\\s+0\\s+10")
                .containsPattern("SALES\\s+STATIC\\s+yes\\s+0\\s+0\\s+unlimited");
        var ops = new HubRepository(db.jdbi()).find("ops").orElseThrow();
        assertThat(ops.adminSecurePassword()).hasValueSatisfying(h ->
                assertThat(h).isEqualTo(SoftEtherPasswords.userHash("administrator", "hubadmin")));

        assertThat(run("hub", "offline", "SALES").status()).isZero();
        assertThat(new HubRepository(db.jdbi()).find("SALES").orElseThrow().online()).isFalse();
        assertThat(run("hub", "online", "sales").status()).isZero();
        assertThat(new HubRepository(db.jdbi()).find("SALES").orElseThrow().online()).isTrue();
        assertThat(run("hub", "delete", "OPS").status()).isZero();
        assertThat(new HubRepository(db.jdbi()).find("OPS")).isEmpty();
        assertThat(new AuditLog(db.jdbi()).recent(10)).extracting(e -> e.action())
                .contains("hub.create", "hub.offline", "hub.online", "hub.delete");
    }

    @Test
    void refusalsAreOneLineAndExitTwo() throws IOException {
        run("hub", "create", "DUP");
        Result dup = run("hub", "create", "dup");
        assertThat(dup.status()).isEqualTo(2);
        assertThat(dup.err().lines()).singleElement().asString().contains("already exists");
        Result missing = run("hub", "delete", "NOPE");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err().lines()).singleElement().asString().contains("does not exist");
        Result noUser = run("user", "delete", "DUP", "ghost");
        assertThat(noUser.status()).isEqualTo(2);
        assertThat(noUser.err().lines()).singleElement().asString().contains("ghost");
        Result empty = run("user", "create", "DUP", "eve", "--password-file", passwordFile("").toString());
        assertThat(empty.status()).isEqualTo(2);
        assertThat(empty.err()).contains("empty");
        Result both = run("user", "create", "DUP", "eve", "--anonymous", "--password-file", passwordFile("x").toString());
        assertThat(both.status()).isEqualTo(2);
    }

    @Test
    void managesUsersAndTheirPasswords() throws IOException {
        run("hub", "create", "TEAM");
        assertThat(run("user", "create", "TEAM", "alice", "--password-file", passwordFile("alicepw").toString(),
                "--real-name", "Alice A").status()).isZero();
        assertThat(run("user", "create", "TEAM", "guest", "--anonymous").status()).isZero();
        HubUserRepository users = new HubUserRepository(db.jdbi());
        assertThat(users.find("TEAM", "alice").orElseThrow().passwordHash()).hasValueSatisfying(h ->
                assertThat(h).isEqualTo(SoftEtherPasswords.userHash("alice", "alicepw")));
        assertThat(users.find("TEAM", "guest").orElseThrow().authType()).isEqualTo(UserAuthType.ANONYMOUS);
        Result list = run("user", "list", "TEAM");
        assertThat(list.out()).containsPattern("alice\\s+password\\s+Alice A").containsPattern("guest\\s+anonymous");

        assertThat(run("user", "set-password", "TEAM", "ALICE", "--password-file", passwordFile("newpw").toString())
                .status()).isZero();
        assertThat(users.find("TEAM", "alice").orElseThrow().passwordHash()).hasValueSatisfying(h ->
                assertThat(h).isEqualTo(SoftEtherPasswords.userHash("alice", "newpw")));
        assertThat(run("user", "delete", "TEAM", "guest").status()).isZero();
        assertThat(users.find("TEAM", "guest")).isEmpty();
    }

    @Test
    void listsTheClusterSessions() {
        run("hub", "create", "VPN");
        long node = new NodeRepository(db.jdbi()).register(new NodeRegistration("cli-n1", "0.0.0.0:5555", null, "",
                100, 4096, false, "test"), Duration.ofSeconds(5)).id();
        long hub = new HubRepository(db.jdbi()).find("VPN").orElseThrow().id();
        new SessionRepository(db.jdbi()).open(new NewSession(hub, node, "SID-BOB-7", "bob", "192.0.2.7", "", "SoftEther", 2));
        Result r = run("session", "list", "--hub", "VPN");
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(1)).containsPattern("VPN\\s+SID-BOB-7\\s+bob\\s+cli-n1\\s+192.0.2.7\\s+SoftEther\\s+2");
    }

    @Test
    void theDefaultHubIsCreatedOncePerCluster() {
        var database = db.database();
        ClusterSettings settings = new ClusterSettings(database.jdbi());
        HubRepository hubs = new HubRepository(database.jdbi());
        hubs.list().forEach(h -> hubs.delete(h.name()));
        assertThat(DefaultHubBootstrap.ensure(settings, hubs)).isTrue();
        assertThat(hubs.find("DEFAULT")).isPresent();
        hubs.delete("DEFAULT");
        assertThat(DefaultHubBootstrap.ensure(settings, hubs)).isFalse();
        assertThat(hubs.find("DEFAULT")).isEmpty();
    }
}
