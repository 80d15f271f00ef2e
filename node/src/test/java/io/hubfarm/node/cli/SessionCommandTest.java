package io.hubfarm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.cluster.NodeCommandRunner;
import io.hubfarm.schema.command.NodeCommandRepository;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.session.NewSession;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.session.SessionTraffic;
import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code hubfarm session list}, and how every database command treats a database without the schema. */
class SessionCommandTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    static final TestDatabase unmigrated = new TestDatabase(2, false);
    @TempDir
    Path dir;

    @Test
    void listsTheSessionsOfEveryNodeWithTheirCounters() {
        HubRepository hubs = new HubRepository(db.jdbi());
        Hub vpn = hubs.create(NewHub.of("VPN", HubType.STATIC));
        Hub other = hubs.create(NewHub.of("OTHER", HubType.DYNAMIC));
        long n1 = Fixtures.node(db.jdbi(), "sess-n1").id();
        long n2 = Fixtures.node(db.jdbi(), "sess-n2").id();
        SessionRepository sessions = new SessionRepository(db.jdbi());
        long bob = sessions.open(new NewSession(vpn.id(), n1, "SID-BOB-7", "bob", "192.0.2.7", "", "SoftEther", 2));
        sessions.open(new NewSession(vpn.id(), n2, "SID-CAROL-1", "carol", "2001:db8::1", "", "SoftEther", 1));
        sessions.open(new NewSession(other.id(), n2, "SID-DAVE-2", "dave", "198.51.100.4", "", "SoftEther", 1));
        sessions.updateTraffic(List.of(new SessionTraffic(bob, 12_345, 67_890, 4)));

        Cli cli = new Cli(db, dir);
        Cli.Result all = cli.run("session", "list");
        assertThat(all.status()).as(all.err()).isZero();
        assertThat(all.lines().getFirst().trim().split("\\s+")).containsExactly("HUB", "SESSION", "USER", "NODE",
                "CLIENT", "PROTOCOL", "TCP", "STARTED", "BYTES-IN", "BYTES-OUT");
        assertThat(all.rows()).hasSize(3).allSatisfy(row -> assertThat(row).hasSize(10));
        List<String> bobRow = all.rows().stream().filter(r -> r.get(1).equals("SID-BOB-7")).findFirst().orElseThrow();
        assertThat(bobRow.subList(0, 7)).containsExactly("VPN", "SID-BOB-7", "bob", "sess-n1", "192.0.2.7", "SoftEther", "4");
        assertThat(bobRow.get(7)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(bobRow.subList(8, 10)).containsExactly("12345", "67890");

        Cli.Result one = cli.run("session", "list", "--hub", "vpn");
        assertThat(one.rows()).extracting(r -> r.get(1)).containsExactly("SID-BOB-7", "SID-CAROL-1");
        assertThat(one.err()).isEmpty();
    }

    @Test
    void aHubWithoutSessionsPrintsOnlyTheHeaderAndAnUnknownHubIsRefused() {
        new HubRepository(db.jdbi()).create(NewHub.of("QUIET", HubType.STATIC));
        Cli cli = new Cli(db, dir);
        Cli.Result quiet = cli.run("session", "list", "--hub", "QUIET");
        assertThat(quiet.status()).isZero();
        assertThat(quiet.lines()).hasSize(1).first().asString().startsWith("HUB");

        Cli.Result unknown = cli.run("session", "list", "--hub", "TYPO");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err().lines()).containsExactly("hubfarm: hub 'TYPO' does not exist");
    }

    @Test
    void disconnectQueuesACommandForTheHoldingNodeAndReportsWhatItDid() throws Exception {
        Hub hub = new HubRepository(db.jdbi()).create(NewHub.of("CUT", HubType.STATIC));
        long node = Fixtures.node(db.jdbi(), "sess-cut").id();
        long row = new SessionRepository(db.jdbi()).open(new NewSession(hub.id(), node, "SID-EVE-3", "eve", "192.0.2.3",
                "", "SoftEther", 1));
        List<String> carriedOut = new CopyOnWriteArrayList<>();
        NodeCommandRunner runner = new NodeCommandRunner(new NodeCommandRepository(db.jdbi()), node,
                Map.of(NodeCommandRunner.DISCONNECT_SESSION, argument -> {
                    carriedOut.add(argument);
                    return "disconnected SID-EVE-3";
                }));
        Thread holder = Thread.ofVirtual().start(() -> {
            try {
                while (carriedOut.isEmpty()) {
                    runner.runPending();
                    Thread.sleep(50); // the node's poll, shortened
                }
            } catch (InterruptedException e) {
                // the test is over
            }
        });
        Cli cli = new Cli(db, dir);
        Cli.Result r;
        try {
            r = cli.run("session", "disconnect", "cut", "sid-eve-3");
        } finally {
            holder.interrupt();
            holder.join();
        }
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("Node 'sess-cut': disconnected SID-EVE-3.");
        assertThat(carriedOut).containsExactly(Long.toString(row));
        new SessionRepository(db.jdbi()).close(row); // as the node would; the other tests count every session

        Cli.Result unknown = cli.run("session", "disconnect", "CUT", "SID-NOBODY-1");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err().lines()).containsExactly("hubfarm: hub 'CUT' has no session 'SID-NOBODY-1'");
    }

    @Test
    void aDisconnectThatNoNodeCarriesOutIsReportedAsStillQueued() {
        Hub hub = new HubRepository(db.jdbi()).create(NewHub.of("STUCK", HubType.STATIC));
        long node = Fixtures.node(db.jdbi(), "sess-stuck").id();
        SessionRepository sessions = new SessionRepository(db.jdbi());
        long row = sessions.open(new NewSession(hub.id(), node, "SID-FAY-1", "fay", "192.0.2.4", "", "SoftEther", 1));
        Cli.Result r = new Cli(db, dir).run("session", "disconnect", "STUCK", "SID-FAY-1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("node 'sess-stuck' has not carried out the disconnect of STUCK/SID-FAY-1 yet");
        assertThat(new NodeCommandRepository(db.jdbi()).pending(node, 10)).hasSize(1);
        sessions.close(row); // the other tests count every session
    }

    @Test
    void aDatabaseWithoutTheSchemaIsOneLineNamingTheFix() {
        Cli cli = new Cli(unmigrated, dir);
        for (String[] command : List.of(new String[] {"session", "list"}, new String[] {"hub", "list"},
                new String[] {"hub", "create", "X"}, new String[] {"user", "list", "X"})) {
            Cli.Result r = cli.run(command);
            assertThat(r.status()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(r.err().lines()).as(String.join(" ", command)).singleElement().asString()
                    .startsWith("hubfarm: database " + unmigrated.url().display() + " lacks ")
                    .endsWith("run 'hubfarm db migrate' (a starting node also does)");
        }
    }
}
