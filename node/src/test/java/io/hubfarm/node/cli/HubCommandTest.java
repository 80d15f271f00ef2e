package io.hubfarm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.schema.audit.AuditEntry;
import io.hubfarm.schema.audit.AuditLog;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.hub.NewHubUser;
import io.hubfarm.schema.session.NewSession;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code hubfarm hub ...} against a real database: what it changes, prints, records and refuses. */
class HubCommandTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path dir;
    Cli cli;
    final HubRepository hubs = new HubRepository(db.jdbi());

    @BeforeEach
    void cli() {
        cli = new Cli(db, dir);
    }

    @Test
    void createIsStaticAndOnlineUnlessToldOtherwise() {
        Cli.Result r = cli.run("hub", "create", "PLAIN");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Created static hub 'PLAIN'.\n");
        assertThat(r.err()).isEmpty();
        Hub plain = hubs.find("PLAIN").orElseThrow();
        assertThat(plain.type()).isEqualTo(HubType.STATIC);
        assertThat(plain.online()).isTrue();
        assertThat(plain.maxSessions()).isZero();
        assertThat(plain.adminPasswordHash()).isEmpty();
    }

    @Test
    void createTakesTypeLimitsStateAndBothAdminHashes() {
        Path pw = cli.passwordFile("hub-admin-secret");
        Cli.Result r = cli.run("hub", "create", "SHAPED", "--dynamic", "--max-sessions", "10", "--offline",
                "--admin-password-file", pw.toString());
        assertThat(r.status()).as(r.err()).isZero();
        Hub shaped = hubs.find("shaped").orElseThrow();
        assertThat(shaped.type()).isEqualTo(HubType.DYNAMIC);
        assertThat(shaped.online()).isFalse();
        assertThat(shaped.maxSessions()).isEqualTo(10);
        assertThat(shaped.adminPasswordHash()).get().isEqualTo(SoftEtherPasswords.adminHash("hub-admin-secret"));
        assertThat(shaped.adminSecurePassword()).get()
                .isEqualTo(SoftEtherPasswords.userHash("administrator", "hub-admin-secret"));

        AuditEntry audit = lastAudit("SHAPED");
        assertThat(audit.action()).isEqualTo("hub.create");
        assertThat(audit.actor()).isEqualTo("cli:" + System.getProperty("user.name"));
        assertThat(audit.nodeName()).isEmpty();
        assertThat(audit.detail()).contains("DYNAMIC", "offline", "max 10 sessions", "admin password set")
                .doesNotContain("hub-admin-secret");
    }

    @Test
    void listShowsEveryHubWithItsCountsInParseableColumns() {
        cli.run("hub", "create", "LISTED", "--max-sessions", "5");
        Hub listed = hubs.find("LISTED").orElseThrow();
        HubUserRepository users = new HubUserRepository(db.jdbi());
        users.create("LISTED", NewHubUser.anonymous("u1"));
        users.create("LISTED", NewHubUser.anonymous("u2"));
        long node = Fixtures.node(db.jdbi(), "hub-list-n1").id();
        SessionRepository sessions = new SessionRepository(db.jdbi());
        for (int i = 0; i < 3; i++) {
            sessions.open(new NewSession(listed.id(), node, "SID-U1-" + i, "u1", "192.0.2.1", "", "SoftEther", 1));
        }

        Cli.Result r = cli.run("hub", "list");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> header = List.of(r.lines().getFirst().trim().split("\\s+"));
        assertThat(header).startsWith("NAME", "TYPE", "ONLINE", "SESSIONS", "USERS", "MAX-SESSIONS").endsWith("CREATED");
        assertThat(r.rows()).allSatisfy(row -> assertThat(row).hasSameSizeAs(header));
        List<String> row = r.rows().stream().filter(c -> c.getFirst().equals("LISTED")).findFirst().orElseThrow();
        assertThat(row.subList(0, 6)).containsExactly("LISTED", "STATIC", "yes", "3", "2", "5");
        assertThat(row.getLast()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void onlineOfflineAndDeleteChangeTheHubAndAreAudited() {
        cli.run("hub", "create", "TOGGLED");
        assertThat(cli.run("hub", "offline", "toggled").status()).isZero();
        assertThat(hubs.find("TOGGLED").orElseThrow().online()).isFalse();
        assertThat(lastAudit("toggled").action()).isEqualTo("hub.offline");
        assertThat(cli.run("hub", "online", "TOGGLED").status()).isZero();
        assertThat(hubs.find("TOGGLED").orElseThrow().online()).isTrue();
        assertThat(lastAudit("TOGGLED").action()).isEqualTo("hub.online");
        Cli.Result deleted = cli.run("hub", "delete", "TOGGLED");
        assertThat(deleted.status()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted hub 'TOGGLED'.\n");
        assertThat(hubs.find("TOGGLED")).isEmpty();
        assertThat(lastAudit("TOGGLED").action()).isEqualTo("hub.delete");
    }

    @Test
    void aDuplicateHubIsOneLineAndExitTwo() {
        cli.run("hub", "create", "TWICE");
        int audited = new AuditLog(db.jdbi()).recent(1000).size();
        Cli.Result r = cli.run("hub", "create", "twice", "--dynamic");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("hubfarm: hub 'twice' already exists");
        assertThat(r.out()).isEmpty();
        assertThat(new AuditLog(db.jdbi()).recent(1000)).as("a refused change leaves no audit row").hasSize(audited);
        assertThat(hubs.find("TWICE").orElseThrow().type()).isEqualTo(HubType.STATIC);
    }

    @Test
    void anUnknownHubIsOneLineForEveryChange() {
        for (String verb : List.of("delete", "online", "offline")) {
            Cli.Result r = cli.run("hub", verb, "NOSUCH");
            assertThat(r.status()).as(verb).isEqualTo(2);
            assertThat(r.err().lines()).as(verb).containsExactly("hubfarm: hub 'NOSUCH' does not exist");
        }
    }

    @Test
    void badArgumentsAreOneLineWithoutTouchingTheDatabase() {
        Cli.Result name = cli.run("hub", "create", "bad name");
        assertThat(name.status()).isEqualTo(2);
        assertThat(name.err().lines()).singleElement().asString().startsWith("hubfarm: hub name 'bad name' is not valid");

        Cli.Result limit = cli.run("hub", "create", "NEGATIVE", "--max-sessions", "-1");
        assertThat(limit.status()).isEqualTo(2);
        assertThat(limit.err().lines()).containsExactly("hubfarm: --max-sessions must be 0 (unlimited) or more, not -1");
        assertThat(hubs.find("NEGATIVE")).isEmpty();

        Cli.Result both = cli.run("hub", "create", "BOTH", "--static", "--dynamic");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err().lines()).hasSize(1);

        Cli.Result emptyPassword = cli.run("hub", "create", "NOPW", "--admin-password-file",
                cli.passwordFile("").toString());
        assertThat(emptyPassword.status()).isEqualTo(2);
        assertThat(emptyPassword.err().lines()).singleElement().asString().contains("is empty");
        assertThat(hubs.find("NOPW")).isEmpty();
    }

    @Test
    void helpSaysTheDefaultTypeIsStatic() {
        Cli.Result r = Cli.runExactly("hub", "create", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).containsPattern("--static\\s+an instance on every node \\(the default\\)");
    }

    private static AuditEntry lastAudit(String target) {
        return new AuditLog(db.jdbi()).recent(1000).stream()
                .filter(e -> e.target().equalsIgnoreCase(target)).findFirst().orElseThrow();
    }
}
