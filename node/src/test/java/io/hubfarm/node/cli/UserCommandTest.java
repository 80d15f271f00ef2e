package io.hubfarm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.schema.audit.AuditEntry;
import io.hubfarm.schema.audit.AuditLog;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.HubUser;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.hub.UserAuthType;
import io.hubfarm.schema.testing.TestDatabase;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code hubfarm user ...} against a real database. */
class UserCommandTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path dir;
    Cli cli;
    final HubUserRepository users = new HubUserRepository(db.jdbi());

    @BeforeAll
    static void hub() {
        new HubRepository(db.jdbi()).create(NewHub.of("TEAM", HubType.STATIC));
    }

    @BeforeEach
    void cli() {
        cli = new Cli(db, dir);
    }

    @Test
    void aPasswordUserGetsSoftEthersHashAndTheNtHash() {
        Cli.Result r = cli.run("user", "create", "TEAM", "alice", "--password-file", cli.passwordFile("password").toString(),
                "--real-name", "Alice Example", "--note", "on call", "--group", "ops");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Created user 'alice' on hub 'TEAM'.\n");
        HubUser alice = users.find("TEAM", "ALICE").orElseThrow();
        assertThat(alice.authType()).isEqualTo(UserAuthType.PASSWORD);
        assertThat(alice.passwordHash()).get().isEqualTo(SoftEtherPasswords.userHash("alice", "password"));
        // The well-known NT hash of "password": MD4 of its UTF-16LE bytes.
        assertThat(alice.ntHash()).get().isEqualTo(HexFormat.of().parseHex("8846f7eaee8fb117ad06bdd830b7586c"));
        assertThat(alice.realName()).isEqualTo("Alice Example");
        assertThat(alice.note()).isEqualTo("on call");
        assertThat(alice.groupName()).isEqualTo("ops");

        AuditEntry audit = lastAudit("TEAM/alice");
        assertThat(audit.action()).isEqualTo("user.create");
        assertThat(audit.detail()).isEqualTo("password");
    }

    @Test
    void anAnonymousUserHasNoHash() {
        assertThat(cli.run("user", "create", "TEAM", "guest", "--anonymous").status()).isZero();
        HubUser guest = users.find("TEAM", "guest").orElseThrow();
        assertThat(guest.authType()).isEqualTo(UserAuthType.ANONYMOUS);
        assertThat(guest.passwordHash()).isEmpty();
        assertThat(lastAudit("TEAM/guest").detail()).isEqualTo("anonymous");
    }

    @Test
    void setPasswordReplacesTheHashUnderTheStoredName() {
        cli.run("user", "create", "TEAM", "Bob", "--password-file", cli.passwordFile("old-secret").toString());
        Cli.Result r = cli.run("user", "set-password", "team", "BOB", "--password-file",
                cli.passwordFile("new-secret").toString());
        assertThat(r.status()).as(r.err()).isZero();
        HubUser bob = users.find("TEAM", "bob").orElseThrow();
        assertThat(bob.passwordHash()).get().isEqualTo(SoftEtherPasswords.userHash("Bob", "new-secret"))
                .isNotEqualTo(SoftEtherPasswords.userHash("Bob", "old-secret"));
        AuditEntry audit = lastAudit("team/BOB");
        assertThat(audit.action()).isEqualTo("user.set-password");
        assertThat(audit.detail()).doesNotContain("secret");
    }

    @Test
    void anAnonymousUserBecomesAPasswordUser() {
        cli.run("user", "create", "TEAM", "convert", "--anonymous");
        assertThat(cli.run("user", "set-password", "TEAM", "convert", "--password-file",
                cli.passwordFile("pw1").toString()).status()).isZero();
        assertThat(users.find("TEAM", "convert").orElseThrow().authType()).isEqualTo(UserAuthType.PASSWORD);
    }

    @Test
    void listAndDelete() {
        cli.run("user", "create", "TEAM", "listed", "--anonymous", "--real-name", "Listed");
        Cli.Result list = cli.run("user", "list", "TEAM");
        assertThat(list.status()).isZero();
        List<String> header = List.of(list.lines().getFirst().trim().split("\\s+"));
        assertThat(header).startsWith("NAME", "AUTH", "REAL-NAME").contains("LOGINS").endsWith("CREATED");
        assertThat(list.rows()).anySatisfy(row -> assertThat(row).startsWith("listed", "anonymous", "Listed"));

        Cli.Result deleted = cli.run("user", "delete", "TEAM", "LISTED");
        assertThat(deleted.status()).isZero();
        assertThat(users.find("TEAM", "listed")).isEmpty();
        assertThat(lastAudit("TEAM/LISTED").action()).isEqualTo("user.delete");
    }

    @Test
    void unknownHubsAndUsersAreOneLine() {
        Path pw = cli.passwordFile("pw");
        assertRefused(cli.run("user", "create", "NOHUB", "x", "--anonymous"), "hubfarm: hub 'NOHUB' does not exist");
        assertRefused(cli.run("user", "list", "NOHUB"), "hubfarm: hub 'NOHUB' does not exist");
        assertRefused(cli.run("user", "delete", "TEAM", "ghost"), "hubfarm: user 'ghost' does not exist on hub 'TEAM'");
        assertRefused(cli.run("user", "set-password", "TEAM", "ghost", "--password-file", pw.toString()),
                "hubfarm: user 'ghost' does not exist on hub 'TEAM'");
        cli.run("user", "create", "TEAM", "dup", "--anonymous");
        assertRefused(cli.run("user", "create", "TEAM", "DUP", "--anonymous"),
                "hubfarm: user 'DUP' already exists on hub 'TEAM'");
    }

    @Test
    void anEmptyPasswordIsRefused() {
        Path empty = cli.passwordFile("");
        Cli.Result create = cli.run("user", "create", "TEAM", "eve", "--password-file", empty.toString());
        assertThat(create.status()).isEqualTo(2);
        assertThat(create.err().lines()).singleElement().asString()
                .startsWith("hubfarm: the password in " + empty + " (--password-file) is empty");
        assertThat(users.find("TEAM", "eve")).isEmpty();

        cli.run("user", "create", "TEAM", "frank", "--anonymous");
        Cli.Result set = cli.run("user", "set-password", "TEAM", "frank", "--password-file", empty.toString());
        assertThat(set.status()).isEqualTo(2);
        assertThat(users.find("TEAM", "frank").orElseThrow().authType()).isEqualTo(UserAuthType.ANONYMOUS);
    }

    @Test
    void exactlyOneWayToAuthenticateAndAValidName() {
        Cli.Result both = cli.run("user", "create", "TEAM", "g", "--anonymous", "--password-file",
                cli.passwordFile("x").toString());
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err().lines()).hasSize(1);
        Cli.Result neither = cli.run("user", "create", "TEAM", "g");
        assertThat(neither.status()).isEqualTo(2);
        assertThat(neither.err().lines()).hasSize(1);
        Cli.Result badName = cli.run("user", "create", "TEAM", "no spaces", "--anonymous");
        assertThat(badName.status()).isEqualTo(2);
        assertThat(badName.err().lines()).singleElement().asString().startsWith("hubfarm: user name 'no spaces'");
    }

    private static void assertRefused(Cli.Result r, String line) {
        assertThat(r.status()).as(line).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(line);
        assertThat(r.out()).isEmpty();
    }

    private static AuditEntry lastAudit(String target) {
        return new AuditLog(db.jdbi()).recent(1000).stream()
                .filter(e -> e.target().equals(target)).findFirst().orElseThrow();
    }
}
