package io.hubfarm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.admin.AdminPasswordBootstrap;
import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.schema.audit.AuditEntry;
import io.hubfarm.schema.audit.AuditLog;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code hubfarm cluster status}: the nodes as the database knows them, and the lease holder. */
class ClusterCommandTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void cli() {
        cli = new Cli(db, dir);
    }

    @Test
    void showsEveryNodeWithItsRoleStateAndTheLease() {
        NodeRow first = Fixtures.node(db.jdbi(), "cs-one");
        NodeRow second = Fixtures.node(db.jdbi(), "cs-two");
        new NodeRepository(db.jdbi()).markOffline(second.id(), second.incarnation());
        ControllerLeaseRepository lease = new ControllerLeaseRepository(db.jdbi());
        long epoch = lease.tryAcquire(first.id(), Duration.ofSeconds(30)).orElseThrow();

        Cli.Result r = cli.run("cluster", "status");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.lines().getFirst().trim().split("\\s+")).containsExactly("NODE", "ROLE", "STATE", "HOST", "PORTS",
                "WEIGHT", "POINTS", "SESSIONS", "TCP", "DYNAMIC-HUBS", "SINCE", "HEARTBEAT");
        List<String> one = r.rows().stream().filter(row -> row.getFirst().equals("cs-one")).findFirst().orElseThrow();
        List<String> two = r.rows().stream().filter(row -> row.getFirst().equals("cs-two")).findFirst().orElseThrow();
        assertThat(one.subList(1, 6)).containsExactly("controller", "ONLINE", "127.0.0.1", "5555", "100");
        assertThat(two.subList(1, 3)).containsExactly("member", "OFFLINE");
        assertThat(r.lines().getLast()).matches("Controller: node 'cs-one', epoch " + epoch
                + ", lease valid for another \\d+\\.\\ds\\.");

        lease.release(first.id(), epoch);
        assertThat(cli.run("cluster", "status").lines().getLast())
                .isEqualTo("Controller: none holds the lease (epoch " + epoch + ").");
    }

    @Test
    void timingSettingsAreValidatedStoredAndListed() {
        assertThat(cli.run("cluster", "settings").rows())
                .contains(List.of("cluster.dead-after-ms", "5000", "default"));

        Cli.Result set = cli.run("cluster", "set", "cluster.dynamic-hub-grace-ms", "90000");
        assertThat(set.status()).as(set.err()).isZero();
        assertThat(cli.run("cluster", "settings").rows())
                .contains(List.of("cluster.dynamic-hub-grace-ms", "90000", "database"));

        Cli.Result unknown = cli.run("cluster", "set", "cluster.colour", "1");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown cluster setting 'cluster.colour'");
        Cli.Result inconsistent = cli.run("cluster", "set", "cluster.heartbeat-ms", "9000");
        assertThat(inconsistent.status()).isEqualTo(2);
        assertThat(inconsistent.err()).contains("must be shorter than cluster.dead-after-ms");
        Cli.Result negative = cli.run("cluster", "set", "cluster.lease-ttl-ms", "-5");
        assertThat(negative.status()).isEqualTo(2);
        assertThat(negative.err()).contains("positive number of milliseconds");
        assertThat(cli.run("cluster", "settings").rows()).contains(List.of("cluster.heartbeat-ms", "1000", "default"));
        cli.run("cluster", "set", "cluster.dynamic-hub-grace-ms", "60000");
    }

    @Test
    void theServerAdministratorPasswordIsStoredAsItsHashForEveryNode() {
        Cli.Result r = cli.run("cluster", "admin-password", "--password-file", cli.passwordFile("cli-admin-pw").toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(new ClusterSettings(db.jdbi()).get(AdminPasswordBootstrap.SETTING))
                .contains(HexFormat.of().formatHex(SoftEtherPasswords.adminHash("cli-admin-pw")));
        assertThat(new AuditLog(db.jdbi()).recent(5)).extracting(AuditEntry::action).contains("server.password");
    }
}
