package io.hubfarm.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

/**
 * The acceptance scenario: two real vpnclients in their own network namespaces connect through the
 * remote path to a hub and talk to each other through it; wrong password, unknown hub, 8 TCP
 * connections, compression and the session leaving the server's list after a disconnect. Run against
 * Debian's real vpnserver ({@link RealVpnServerLabIT}, which proves the lab) and against a hubfarm node
 * ({@link HubfarmNodeIT}).
 *
 * <p>Each test puts the accounts into the state it needs ({@link #connected}), so the order only
 * saves reconnects. Needs root; scripts/test installs the Debian packages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class VpnAcceptanceScenario<S extends VpnServerUnderTest> {
    private static final String HUB = "LAB";
    private static final String ACCOUNT = "main";
    private static final String NIC = "vpn0";
    /** A second adapter for the failing logins, so they never touch the working sessions. */
    private static final String SPARE_NIC = "vpn1";
    private static final int PORT = 5555;
    private static final long TEN_MB = 10L * 1024 * 1024;
    private static final Duration CONNECT = Duration.ofSeconds(30);
    private static final Duration LOGIN_ERROR = Duration.ofSeconds(20);
    /** The real server keeps a disconnected client's session until its 20 s session timeout. */
    private static final Duration SESSION_GONE = Duration.ofSeconds(35);

    private final Map<RealVpnClient, String> users = new HashMap<>();
    private final Map<RealVpnClient, Settings> applied = new HashMap<>();
    private VpnLab lab;
    protected S server;
    private RealVpnClient a;
    private RealVpnClient b;
    private Traffic traffic;

    private record Settings(AccountDetail detail, boolean compress) {
        static final Settings DEFAULT = new Settings(AccountDetail.defaults(), false);

        @Override
        public String toString() {
            return "max_connection " + detail.maxTcp() + ", compression " + (compress ? "on" : "off");
        }
    }

    @BeforeAll
    void startLab() {
        assumeTrue(VpnLab.runningAsRoot(),
                "the end-to-end lab needs root (network namespaces, veths, bind mounts): run as root or via scripts/test");
        long start = Deadline.nanoTime();
        lab = VpnLab.create();
        server = startServer(lab, PORT);
        server.createHub(HUB);
        server.createUser(HUB, "alice", "alice-pw");
        server.createUser(HUB, "bob", "bob-pw");
        traffic = new Traffic(lab);
        a = client(lab.a(), "alice", "alice-pw");
        b = client(lab.b(), "bob", "bob-pw");
        System.out.printf("lab %s up in %d ms: %s%n", lab.id(), Deadline.since(start).toMillis(), server);
    }

    private RealVpnClient client(Namespace ns, String user, String password) {
        RealVpnClient client = RealVpnClient.start(lab, ns);
        client.nicCreate(NIC);
        client.nicCreate(SPARE_NIC);
        client.accountCreate(ACCOUNT, server.endpoint(ns), HUB, user, NIC);
        client.accountPassword(ACCOUNT, password);
        users.put(client, user);
        applied.put(client, Settings.DEFAULT);
        return client;
    }

    /** Starts the server under test in {@code lab.srv()}, listening on {@code port}. */
    protected abstract S startServer(VpnLab lab, int port);

    /** How many TCP connections the server counts for the session of that name. */
    protected abstract int serverTcpConnections(String hub, String sessionName);

    @AfterAll
    void stopLab() {
        if (lab != null) {
            long start = Deadline.nanoTime();
            lab.close();
            System.out.printf("lab %s torn down in %d ms%n", lab.id(), Deadline.since(start).toMillis());
        }
    }

    @Test
    @Order(1)
    void twoClientsPingAndMoveTenMegabytesThroughTheHub() {
        connected(a, Settings.DEFAULT);
        connected(b, Settings.DEFAULT);

        assertPings(a, b);
        assertPings(b, a);
        assertTransfers(a, b);
        assertThat(server.sessionNames(HUB))
                .contains(a.status(ACCOUNT).sessionName(), b.status(ACCOUNT).sessionName());
    }

    @Test
    @Order(2)
    void iperf3ThroughputFromAToB(TestReporter reporter) {
        connected(a, Settings.DEFAULT);
        connected(b, Settings.DEFAULT);
        int seconds = Integer.getInteger("hubfarm.lab.iperfSeconds", 5);

        Throughput t = traffic.iperf3Throughput(lab.a(), lab.b(), lab.overlayAddress(lab.b()), seconds);

        String line = String.format("iperf3 a->b through %s, %d s, 1 TCP connection per session: %s",
                server.product(), seconds, t);
        System.out.println(line);
        reporter.publishEntry("iperf3 a->b bits/s", String.valueOf((long) t.receivedBitsPerSecond()));
        assertThat(t.receivedBitsPerSecond()).as(line).isPositive();
        assertThat(t.bytesReceived()).isPositive();
    }

    @Test
    @Order(3)
    void aWrongPasswordIsReportedAsError9() {
        RealVpnClient.ClientError error = failedLogin(b, "wrong-password", HUB, "bob", "not-bobs-password");

        assertThat(error.code()).as(error.cause()).isEqualTo(9);
    }

    @Test
    @Order(4)
    void anUnknownHubIsReportedAsError8() {
        RealVpnClient.ClientError error = failedLogin(b, "unknown-hub", "NO-SUCH-HUB", "bob", "bob-pw");

        assertThat(error.code()).as(error.cause()).isEqualTo(8);
    }

    @Test
    @Order(5)
    void anAnonymousLoginToAHubWithoutAnonymousAccessIsRejected() {
        RealVpnClient.ClientError error = failedLogin(b, "anonymous", HUB, "anonymous", null);

        assertThat(error.code()).as(error.cause()).isEqualTo(9);
    }

    @Test
    @Order(6)
    void anAccountWithMaxConnection8Gets8TcpConnectionsAndStillWorks() {
        connected(b, Settings.DEFAULT);
        connected(a, new Settings(AccountDetail.defaults().withMaxTcp(8), false));

        AccountStatus status = a.awaitStatus(ACCOUNT, "8 TCP connections",
                s -> s.tcpConnections().orElse(0) == 8, Duration.ofSeconds(30));
        assertThat(status.maxTcpConnections()).as(status.raw()).hasValue(8);
        assertThat(a.tcpConnectionsTo(server.host(lab.a()), server.port())).isEqualTo(8);
        // A hubfarm node publishes connection counts with its session traffic, every few seconds.
        Deadline.await("the server to count 8 TCP connections", Duration.ofSeconds(20),
                () -> serverTcpConnections(HUB, status.sessionName()) == 8,
                () -> "server counts " + serverTcpConnections(HUB, status.sessionName()));

        assertPings(a, b);
        assertPings(b, a);
        assertTransfers(a, b);
        assertTransfers(b, a);
    }

    @Test
    @Order(7)
    void compressionOnStillWorks() {
        connected(a, Settings.DEFAULT);
        connected(b, new Settings(AccountDetail.defaults(), true));

        AccountStatus status = b.status(ACCOUNT);
        assertThat(status.compressed()).as(status.raw()).isTrue();
        assertPings(b, a);
        assertTransfers(b, a);
        assertTransfers(a, b);
    }

    @Test
    @Order(8)
    void aDisconnectedClientsSessionLeavesTheHubWithinTheSessionTimeout() {
        connected(a, Settings.DEFAULT);
        connected(b, Settings.DEFAULT);
        String session = b.status(ACCOUNT).sessionName();
        assertThat(server.sessionNames(HUB)).contains(session);

        long start = Deadline.nanoTime();
        b.disconnect(ACCOUNT);

        Deadline.await(session + " to leave the hub's session list", SESSION_GONE,
                () -> !server.sessionNames(HUB).contains(session), () -> String.valueOf(server.sessionNames(HUB)));
        System.out.printf("%s left the session list %d ms after AccountDisconnect%n", session,
                Deadline.since(start).toMillis());
        assertThat(server.sessionNames(HUB)).contains(a.status(ACCOUNT).sessionName());
    }

    /** Brings the client's main account to {@code settings} and an established session, reconnecting only if needed. */
    private void connected(RealVpnClient client, Settings settings) {
        boolean up = client.status(ACCOUNT).established();
        if (!settings.equals(applied.get(client))) {
            if (up) {
                client.disconnect(ACCOUNT);
                up = false;
            }
            client.accountDetail(ACCOUNT, settings.detail());
            client.accountCompress(ACCOUNT, settings.compress());
            applied.put(client, settings);
        }
        if (!up) {
            long start = Deadline.nanoTime();
            client.connect(ACCOUNT);
            client.awaitEstablished(ACCOUNT, CONNECT);
            System.out.printf("%s (%s) established in %d ms with %s%n", users.get(client), client.namespace(),
                    Deadline.since(start).toMillis(), settings);
        }
        Namespace ns = client.namespace();
        client.configureTap(NIC, lab.overlayAddress(ns) + "/" + VpnLab.OVERLAY_PREFIX_LENGTH);
    }

    private RealVpnClient.ClientError failedLogin(RealVpnClient client, String account, String hub, String user,
                                                  String password) {
        client.accountCreate(account, server.endpoint(client.namespace()), hub, user, SPARE_NIC);
        if (password == null) {
            client.accountAnonymous(account);
        } else {
            client.accountPassword(account, password);
        }
        client.connect(account);
        try {
            return client.awaitError(account, LOGIN_ERROR);
        } finally {
            client.disconnect(account);
            client.accountDelete(account);
        }
    }

    private void assertPings(RealVpnClient from, RealVpnClient to) {
        PingResult ping = traffic.ping(from.namespace(), lab.overlayAddress(to.namespace()), 5);
        assertThat(ping.success()).as("ping %s -> %s:%n%s", from.namespace(), to.namespace(), ping.output()).isTrue();
        assertThat(ping.lossPercent()).isZero();
    }

    private void assertTransfers(RealVpnClient from, RealVpnClient to) {
        TransferResult t = traffic.tcpTransfer(from.namespace(), to.namespace(), lab.overlayAddress(to.namespace()),
                TEN_MB);
        assertThat(t.complete()).as("10 MB %s -> %s: %s", from.namespace(), to.namespace(), t).isTrue();
        System.out.printf("10 MB %s -> %s in %d ms (%.0f Mbit/s)%n", from.namespace().role(), to.namespace().role(),
                t.elapsed().toMillis(), t.bitsPerSecond() / 1e6);
    }
}
