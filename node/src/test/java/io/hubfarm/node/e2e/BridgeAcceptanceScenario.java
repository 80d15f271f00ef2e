package io.hubfarm.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

/**
 * The local-bridge acceptance scenario: a real vpnclient in namespace {@code a}, its VPN adapter at
 * 10.77.0.50/24, reaches the LAN host 10.77.0.10 behind the server's bridge ({@link BridgeLan}): ping,
 * a 10 MB TCP download from the host, and iperf3 towards it, first with the hub bridged in raw mode to
 * one end of a veth pair, then in TAP mode with the TAP enslaved to a Linux bridge. Run against Debian's
 * vpnserver ({@link RealVpnServerBridgeIT}, the reference) and a hubfarm node ({@link HubfarmNodeBridgeIT})
 * in the same topology. Needs root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BridgeAcceptanceScenario<S extends BridgeServerUnderTest> {
    private static final String HUB = "LANHUB";
    private static final String ACCOUNT = "lan";
    private static final String NIC = "vpn0";
    private static final String TAP = "lan";
    private static final int PORT = 5555;
    private static final long TEN_MB = 10L * 1024 * 1024;
    private static final Duration BRIDGE_ONLINE = Duration.ofSeconds(30);
    private static final Duration FIRST_REPLY = Duration.ofSeconds(20);

    private VpnLab lab;
    private BridgeLan lan;
    protected S server;
    private RealVpnClient client;
    private Traffic traffic;

    @BeforeAll
    void startLab() {
        assumeTrue(VpnLab.runningAsRoot(), "the end-to-end lab needs root: run as root or via scripts/test");
        lab = VpnLab.create();
        lan = BridgeLan.create(lab);
        server = startServer(lab, PORT);
        server.createHub(HUB);
        server.createUser(HUB, "alice", "alice-pw");
        traffic = new Traffic(lab);
        client = RealVpnClient.start(lab, lab.a());
        client.nicCreate(NIC);
        client.accountCreate(ACCOUNT, server.endpoint(lab.a()), HUB, "alice", NIC);
        client.accountPassword(ACCOUNT, "alice-pw");
        client.connect(ACCOUNT);
        client.awaitEstablished(ACCOUNT, Duration.ofSeconds(30));
        client.configureTap(NIC, BridgeLan.CLIENT_ADDRESS + "/" + BridgeLan.PREFIX_LENGTH);
    }

    protected abstract S startServer(VpnLab lab, int port);

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void rawModeOnAVethReachesTheLanHost() {
        server.createLocalBridge(HUB, lan.rawDevice(), false);
        server.awaitBridgeOnline(HUB, lan.rawDevice(), false, BRIDGE_ONLINE);

        assertLanReachable("raw");
    }

    @Test
    @Order(2)
    void rawModeIperf3FromTheClientToTheLanHost(TestReporter reporter) {
        iperf3("raw", reporter);
    }

    @Test
    @Order(3)
    void tapModeEnslavedToALinuxBridgeReachesTheLanHost() {
        server.deleteLocalBridge(HUB, lan.rawDevice(), false);
        server.createLocalBridge(HUB, TAP, true);
        lan.enslave(BridgeServerUnderTest.interfaceName(TAP, true));
        server.awaitBridgeOnline(HUB, TAP, true, BRIDGE_ONLINE);

        assertLanReachable("TAP");
    }

    @Test
    @Order(4)
    void tapModeIperf3FromTheClientToTheLanHost(TestReporter reporter) {
        iperf3("TAP", reporter);
    }

    private void assertLanReachable(String mode) {
        // The first replies wait for ARP and for the hub and the Linux bridges to learn the addresses.
        Deadline.await("a first ping reply from the LAN host (" + mode + ")", FIRST_REPLY,
                () -> traffic.ping(lab.a(), BridgeLan.HOST_ADDRESS, 1).success(),
                () -> traffic.ping(lab.a(), BridgeLan.HOST_ADDRESS, 1).output());
        PingResult ping = traffic.ping(lab.a(), BridgeLan.HOST_ADDRESS, 5);
        assertThat(ping.success()).as("%s mode ping:%n%s", mode, ping.output()).isTrue();
        assertThat(ping.lossPercent()).isZero();

        TransferResult download = traffic.tcpTransfer(lan.namespace(), lab.a(), BridgeLan.CLIENT_ADDRESS, TEN_MB);
        assertThat(download.complete()).as("10 MB from the LAN host in %s mode: %s", mode, download).isTrue();
        System.out.printf("%s, %s mode: 10 MB LAN host -> client in %d ms (%.0f Mbit/s)%n", server.product(), mode,
                download.elapsed().toMillis(), download.bitsPerSecond() / 1e6);
    }

    private void iperf3(String mode, TestReporter reporter) {
        int seconds = Integer.getInteger("hubfarm.lab.iperfSeconds", 5);
        Throughput t = traffic.iperf3Throughput(lab.a(), lan.namespace(), BridgeLan.HOST_ADDRESS, seconds);
        String line = String.format("iperf3 client -> LAN host through %s, %s bridge, %d s: %s", server.product(),
                mode, seconds, t);
        System.out.println(line);
        System.out.println(server.bridgeStatus());
        reporter.publishEntry("iperf3 " + mode + " bridge bits/s", String.valueOf((long) t.receivedBitsPerSecond()));
        assertThat(t.receivedBitsPerSecond()).as(line).isPositive();
    }
}
