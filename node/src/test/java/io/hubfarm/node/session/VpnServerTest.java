package io.hubfarm.node.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.node.VpnStack;
import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.node.client.ClientCredentials;
import io.hubfarm.node.client.ClientOptions;
import io.hubfarm.node.client.SoftEtherClient;
import io.hubfarm.node.client.SoftEtherClientException;
import io.hubfarm.node.config.HostPort;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.node.tls.ClusterCertificates;
import io.hubfarm.node.tls.ClusterSecret;
import io.hubfarm.node.tls.ServerIdentity;
import io.hubfarm.node.tls.ServerTls;
import io.hubfarm.schema.cert.CertificateRepository;
import java.nio.file.Files;
import io.hubfarm.schema.cluster.NodeRegistration;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.hub.NewHubUser;
import io.hubfarm.schema.session.NewTicket;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.session.TicketRepository;
import io.hubfarm.schema.testing.TestDatabase;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The node's VPN server in-process, against a real database, driven by the project's protocol client:
 * logins and their refusals, switching between sessions, additional connections, compression, and
 * the sessions table.
 */
class VpnServerTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    private static final AtomicInteger hubNumbers = new AtomicInteger();

    static VpnStack vpn;
    static int port;
    static long nodeId;

    @BeforeAll
    static void start() throws Exception {
        nodeId = new NodeRepository(db.jdbi()).register(new NodeRegistration("n1", "127.0.0.1:0", null, "",
                100, 4096, false, "test"), Duration.ofSeconds(5)).id();
        SslContext tls = ServerTls.sslContext(ClusterCertificates.ensure(new CertificateRepository(db.jdbi()),
                ClusterSecret.generate(Files.createTempDirectory("vpn").resolve("secret")),
                ServerIdentity.of(null, "n1", List.of()), NodeClock.system()));
        vpn = VpnStack.start(db.database(), nodeId, List.of(new HostPort("127.0.0.1", 0)), tls, NodeClock.system());
        port = vpn.listener().localAddresses().getFirst().getPort();
    }

    @AfterAll
    static void stop() {
        if (vpn != null) {
            vpn.close();
        }
    }

    private static String newHub() {
        String name = "HUB" + hubNumbers.incrementAndGet();
        new HubRepository(db.jdbi()).create(NewHub.of(name, HubType.STATIC));
        addUser(name, "alice", "alicepw");
        addUser(name, "bob", "bobpw");
        awaitTrue("hub " + name + " known to the node", () -> true);
        return name;
    }

    private static void addUser(String hub, String user, String password) {
        new HubUserRepository(db.jdbi()).create(hub, NewHubUser.password(user, SoftEtherPasswords.userHash(user, password), null));
    }

    private static SoftEtherClient connect(String hub, String user, String password) {
        return connect(ClientOptions.of("127.0.0.1", port, hub, user, ClientCredentials.password(password)));
    }

    /** The node sees a new hub within its refresh interval: retry "hub not found" until then. */
    private static SoftEtherClient connect(ClientOptions options) {
        Instant deadline = Instant.now().plusSeconds(5);
        while (true) {
            try {
                return SoftEtherClient.connect(options);
            } catch (SoftEtherClientException e) {
                if (e.errorCode().orElse(-1) != 8 || Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
        }
    }

    @Test
    void aPasswordLoginGetsASessionAndARowInTheSessionsTable() {
        String hub = newHub();
        try (SoftEtherClient alice = connect(hub, "alice", "alicepw")) {
            assertThat(alice.sessionName()).startsWith("SID-ALICE-");
            assertThat(alice.welcome().getData("session_key", new byte[0])).hasSize(20);
            assertThat(alice.welcome().getInt("timeout", 0)).isEqualTo(20_000);
            assertThat(alice.welcome().getInt("use_encrypt", 0)).isEqualTo(1);
            var rows = new SessionRepository(db.jdbi()).list(hub);
            assertThat(rows).singleElement().satisfies(r -> {
                assertThat(r.sessionName()).isEqualTo(alice.sessionName());
                assertThat(r.userName()).isEqualTo("alice");
                assertThat(r.clientAddress()).isEqualTo("127.0.0.1");
                assertThat(r.protocol()).isEqualTo("SoftEther");
            });
        }
        awaitTrue("session row removed", () -> new SessionRepository(db.jdbi()).list(hub).isEmpty());
    }

    @Test
    void refusalsCarryTheCodesTheRealClientShows() {
        String hub = newHub();
        connect(hub, "alice", "alicepw").close();
        assertThatThrownBy(() -> connect(hub, "alice", "wrong"))
                .isInstanceOfSatisfying(SoftEtherClientException.class, e -> assertThat(e.errorCode()).hasValue(9));
        assertThatThrownBy(() -> connect(hub, "nobody", "x"))
                .isInstanceOfSatisfying(SoftEtherClientException.class, e -> assertThat(e.errorCode()).hasValue(9));
        assertThatThrownBy(() -> SoftEtherClient.connect(ClientOptions.of("127.0.0.1", port, "NO-SUCH-HUB", "alice",
                ClientCredentials.password("alicepw"))))
                .isInstanceOfSatisfying(SoftEtherClientException.class, e -> assertThat(e.errorCode()).hasValue(8));
        assertThatThrownBy(() -> connect(ClientOptions.of("127.0.0.1", port, hub, "alice", ClientCredentials.anonymous())))
                .isInstanceOfSatisfying(SoftEtherClientException.class, e -> assertThat(e.errorCode()).hasValue(9));
    }

    @Test
    void aUserBeyondTheHubsLimitPerUserGetsError20() {
        String hub = "PERUSER" + hubNumbers.incrementAndGet();
        new HubRepository(db.jdbi()).create(new NewHub(hub, HubType.STATIC, true, 0, java.util.Optional.empty(),
                java.util.Optional.empty(), 1));
        addUser(hub, "alice", "alicepw");
        try (SoftEtherClient first = connect(hub, "alice", "alicepw")) {
            assertThatThrownBy(() -> connect(hub, "alice", "alicepw"))
                    .isInstanceOfSatisfying(SoftEtherClientException.class, e -> assertThat(e.errorCode()).hasValue(20));
        }
        awaitTrue("alice may log in again once her session ended", () -> {
            try {
                SoftEtherClient.connect(ClientOptions.of("127.0.0.1", port, hub, "alice",
                        ClientCredentials.password("alicepw"))).close();
                return true;
            } catch (SoftEtherClientException e) {
                return false;
            }
        });
    }

    @Test
    void plainPasswordAndAnonymousUsersLogIn() {
        String hub = newHub();
        new HubUserRepository(db.jdbi()).create(hub, NewHubUser.anonymous("guest"));
        try (SoftEtherClient plain = connect(ClientOptions.of("127.0.0.1", port, hub, "ALICE",
                ClientCredentials.plainPassword("alicepw")));
             SoftEtherClient guest = connect(ClientOptions.of("127.0.0.1", port, hub, "guest",
                     ClientCredentials.anonymous()))) {
            assertThat(plain.sessionName()).startsWith("SID-ALICE-");
            assertThat(guest.sessionName()).startsWith("SID-GUEST-");
        }
    }

    @Test
    void framesAreSwitchedBetweenSessionsAndNeverEchoed() throws Exception {
        String hub = newHub();
        try (SoftEtherClient alice = connect(hub, "alice", "alicepw");
             SoftEtherClient bob = connect(hub, "bob", "bobpw")) {
            byte[] broadcast = frame("ff:ff:ff:ff:ff:ff", "02:00:00:00:00:0a", 100);
            alice.send(broadcast);
            assertThat(bob.receive(Duration.ofSeconds(5))).isEqualTo(broadcast);
            byte[] reply = frame("02:00:00:00:00:0a", "02:00:00:00:00:0b", 1400);
            bob.send(reply);
            assertThat(alice.receive(Duration.ofSeconds(5))).isEqualTo(reply);
            assertThat(alice.receive(Duration.ofMillis(200))).as("no echo of alice's own broadcast").isNull();
        }
    }

    @Test
    void additionalConnectionsAndCompressionCarryFrames() throws Exception {
        String hub = newHub();
        ClientOptions aliceOptions = ClientOptions.of("127.0.0.1", port, hub, "alice", ClientCredentials.password("alicepw"))
                .withMaxConnection(8).withCompression(true);
        try (SoftEtherClient alice = connect(aliceOptions);
             SoftEtherClient bob = connect(hub, "bob", "bobpw")) {
            assertThat(alice.maxConnection()).isEqualTo(8);
            assertThat(alice.compressed()).isTrue();
            assertThat(alice.addConnections()).isEqualTo(8);
            awaitTrue("the node counts 8 connections", () -> vpn.sessions().stream()
                    .anyMatch(s -> s.name().equals(alice.sessionName()) && s.connectionCount() == 8));
            for (int i = 0; i < 50; i++) {
                byte[] f = frame("ff:ff:ff:ff:ff:ff", "02:00:00:00:01:01", 60 + i * 20);
                alice.send(f);
                assertThat(bob.receive(Duration.ofSeconds(5))).isEqualTo(f);
            }
            for (int i = 0; i < 50; i++) {
                byte[] f = frame("02:00:00:00:01:01", "02:00:00:00:01:02", 1000);
                bob.send(f);
                assertThat(alice.receive(Duration.ofSeconds(5))).isEqualTo(f);
            }
        }
    }

    @Test
    void halfConnectionSessionsCarryFramesEachWay() throws Exception {
        String hub = newHub();
        try (SoftEtherClient alice = connect(ClientOptions.of("127.0.0.1", port, hub, "alice",
                ClientCredentials.password("alicepw")).withMaxConnection(4).withHalfConnection(true));
             SoftEtherClient bob = connect(hub, "bob", "bobpw")) {
            assertThat(alice.welcome().getInt("half_connection", 0)).isEqualTo(1);
            assertThat(alice.addConnections()).isEqualTo(4);
            byte[] out = frame("ff:ff:ff:ff:ff:ff", "02:00:00:00:03:01", 200);
            alice.send(out);
            assertThat(bob.receive(Duration.ofSeconds(5))).isEqualTo(out);
            byte[] back = frame("02:00:00:00:03:01", "02:00:00:00:03:02", 300);
            bob.send(back);
            assertThat(alice.receive(Duration.ofSeconds(5))).as("delivered on a server-to-client connection").isEqualTo(back);
        }
    }

    @Test
    void aTicketLogsInOnceUnderTheSessionNameItCarries() {
        String hub = newHub();
        connect(hub, "alice", "alicepw").close();
        long hubId = new HubRepository(db.jdbi()).find(hub).orElseThrow().id();
        byte[] ticket = new byte[20];
        new java.security.SecureRandom().nextBytes(ticket);
        new TicketRepository(db.jdbi()).issue(new NewTicket(ticket, hubId, "alice", "alice", "", "SID-ALICE-TICKET",
                nodeId, nodeId, Duration.ofSeconds(60)));
        ClientOptions withTicket = ClientOptions.of("127.0.0.1", port, hub, "alice", ClientCredentials.ticket(ticket));
        try (SoftEtherClient c = SoftEtherClient.connect(withTicket)) {
            assertThat(c.sessionName()).isEqualTo("SID-ALICE-TICKET");
        }
        assertThatThrownBy(() -> SoftEtherClient.connect(withTicket)).as("a ticket works once")
                .isInstanceOfSatisfying(SoftEtherClientException.class, e -> assertThat(e.errorCode()).hasValue(9));
    }

    @Test
    void aStalledClientLosesOnlyItsOwnFrames() throws Exception {
        String hub = newHub();
        addUser(hub, "carol", "carolpw");
        try (SoftEtherClient alice = connect(hub, "alice", "alicepw");
             SoftEtherClient bob = connect(hub, "bob", "bobpw");
             SoftEtherClient carol = connect(hub, "carol", "carolpw")) {
            carol.pauseReading();
            for (int batch = 0; batch < 200; batch++) {
                for (int i = 0; i < 100; i++) {
                    alice.send(frame("ff:ff:ff:ff:ff:ff", "02:00:00:00:02:01", 1400));
                }
                for (int i = 0; i < 100; i++) {
                    assertThat(bob.receive(Duration.ofSeconds(5))).as("bob keeps receiving, batch " + batch).isNotNull();
                }
            }
            VpnSession stalled = vpn.sessions().stream().filter(s -> s.name().equals(carol.sessionName()))
                    .findFirst().orElseThrow();
            assertThat(stalled.droppedFrames()).as("the stalled session drops its own frames").isPositive();
            assertThat(stalled.outbound().bytes()).isLessThanOrEqualTo(VpnSession.QUEUE_CAPACITY_BYTES);
        }
    }

    /**
     * Back-pressure (docs/architecture.md, "Data plane"): a receiver that stops reading makes its sender's
     * session stop reading too, until the sender's TCP window closes, and loses nothing; another pair on
     * the same hub goes on meanwhile; and once the receiver reads again every frame arrives, in order.
     */
    @Test
    void aSlowReceiverSlowsItsSenderWithoutDroppingWhileAnotherPairGoesOn() throws Exception {
        String hub = newHub();
        addUser(hub, "carol", "carolpw");
        addUser(hub, "dave", "davepw");
        try (SoftEtherClient alice = connect(hub, "alice", "alicepw");
             SoftEtherClient bob = connect(hub, "bob", "bobpw");
             SoftEtherClient carol = connect(hub, "carol", "carolpw");
             SoftEtherClient dave = connect(hub, "dave", "davepw")) {
            String aliceMac = "02:00:00:00:04:01";
            String bobMac = "02:00:00:00:04:02";
            String carolMac = "02:00:00:00:04:03";
            String daveMac = "02:00:00:00:04:04";
            // Each announces itself (a broadcast) so the hub knows where every address is.
            for (SoftEtherClient c : List.of(alice, bob, carol, dave)) {
                String mac = c == alice ? aliceMac : c == bob ? bobMac : c == carol ? carolMac : daveMac;
                c.send(frame("ff:ff:ff:ff:ff:ff", mac, 60));
            }
            for (SoftEtherClient c : List.of(alice, bob, carol, dave)) {
                for (int i = 0; i < 3; i++) {
                    assertThat(c.receive(Duration.ofSeconds(5))).as("the others' announcements").isNotNull();
                }
            }

            bob.pauseReading();
            int frames = 9_000; // 12.6 MB: more than the session's queue and the sockets' buffers hold
            Thread sender = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < frames; i++) {
                    alice.send(numbered(bobMac, aliceMac, i));
                }
            });
            VpnSession aliceSession = session(alice);
            VpnSession bobSession = session(bob);
            // The client's own buffer may fill for a moment while the server still reads; both must hold.
            awaitTrue("the server to stop reading alice, and alice's TCP window to close",
                    () -> aliceSession.isInputPaused() && alice.sendBlocked());

            for (int i = 0; i < 2_000; i++) {
                carol.send(numbered(daveMac, carolMac, i));
            }
            for (int i = 0; i < 2_000; i++) {
                assertThat(dave.receive(Duration.ofSeconds(5))).as("carol -> dave goes on, frame " + i).isNotNull();
            }
            assertThat(bobSession.droppedFrames()).isZero();

            bob.resumeReading();
            for (int i = 0; i < frames; i++) {
                byte[] got = bob.receive(Duration.ofSeconds(10));
                assertThat(got).as("frame " + i + " reaches bob").isNotNull();
                assertThat(java.nio.ByteBuffer.wrap(got, 14, 4).getInt()).as("in order").isEqualTo(i);
            }
            sender.join();
            assertThat(aliceSession.droppedFrames() + bobSession.droppedFrames()).as("frames dropped").isZero();
            awaitTrue("alice read again", () -> !aliceSession.isInputPaused());
        }
    }

    private static VpnSession session(SoftEtherClient client) {
        return vpn.sessions().stream().filter(s -> s.name().equals(client.sessionName())).findFirst().orElseThrow();
    }

    private static byte[] numbered(String to, String from, int n) {
        byte[] f = frame(to, from, 1400);
        java.nio.ByteBuffer.wrap(f, 14, 4).putInt(n);
        return f;
    }

    @Test
    void aHubSetOfflineOrDeletedDisconnectsItsSessions() {
        String hub = newHub();
        SoftEtherClient alice = connect(hub, "alice", "alicepw");
        new HubRepository(db.jdbi()).setOnline(hub, false);
        awaitTrue("alice disconnected", () -> !alice.isConnected());
        alice.close();
        assertThatThrownBy(() -> connect(hub, "alice", "alicepw"))
                .isInstanceOfSatisfying(SoftEtherClientException.class, e -> assertThat(e.errorCode()).hasValue(10));
        new HubRepository(db.jdbi()).setOnline(hub, true);
        awaitTrue("hub online again", () -> {
            try {
                SoftEtherClient.connect(ClientOptions.of("127.0.0.1", port, hub, "bob",
                    ClientCredentials.password("bobpw"))).close();
                return true;
            } catch (SoftEtherClientException e) {
                return false;
            }
        });
        SoftEtherClient bob = connect(hub, "bob", "bobpw");
        new HubRepository(db.jdbi()).delete(hub);
        awaitTrue("bob disconnected", () -> !bob.isConnected());
        bob.close();
    }

    @Test
    void aDeletedUserOrChangedPasswordTakesEffectWithinSeconds() {
        String hub = newHub();
        connect(hub, "alice", "alicepw").close();
        new HubUserRepository(db.jdbi()).setPassword(hub, "alice", SoftEtherPasswords.userHash("alice", "newpw"), null);
        awaitTrue("new password accepted", () -> {
            try {
                SoftEtherClient.connect(ClientOptions.of("127.0.0.1", port, hub, "alice",
                    ClientCredentials.password("newpw"))).close();
                return true;
            } catch (SoftEtherClientException e) {
                return false;
            }
        });
        new HubUserRepository(db.jdbi()).delete(hub, "alice");
        awaitTrue("deleted user refused", () -> {
            try {
                SoftEtherClient.connect(ClientOptions.of("127.0.0.1", port, hub, "alice",
                    ClientCredentials.password("newpw"))).close();
                return false;
            } catch (SoftEtherClientException e) {
                return e.errorCode().orElse(-1) == 9;
            }
        });
    }

    static byte[] frame(String destination, String source, int length) {
        byte[] f = new byte[length];
        System.arraycopy(mac(destination), 0, f, 0, 6);
        System.arraycopy(mac(source), 0, f, 6, 6);
        f[12] = 0x08;
        for (int i = 14; i < length; i++) {
            f[i] = (byte) i;
        }
        return f;
    }

    private static byte[] mac(String text) {
        String[] parts = text.split(":");
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
