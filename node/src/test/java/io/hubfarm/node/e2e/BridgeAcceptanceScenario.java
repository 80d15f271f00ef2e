package io.hubfarm.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hubfarm.node.e2e.BridgedHub.Mode;
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
 * a 10 MB TCP download from the host, and iperf3 towards it, with the hub bridged in raw mode to one
 * end of a veth pair, and in TAP mode with the TAP enslaved to a Linux bridge. Run against Debian's
 * vpnserver ({@link RealVpnServerBridgeIT}, the reference) and a hubfarm node ({@link HubfarmNodeBridgeIT})
 * in the same topology. Needs root.
 *
 * <p>Each test puts the hub into the mode it needs ({@link BridgedHub#bridge}), so any one of them runs
 * alone; the order only saves switching modes back and forth. {@link BridgeThroughputBench} measures
 * the same path with repeated runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BridgeAcceptanceScenario<S extends BridgeServerUnderTest> {
    private static final long TEN_MB = 10L * 1024 * 1024;

    private BridgedHub<S> hub;
    protected S server;

    @BeforeAll
    void startLab() {
        assumeTrue(VpnLab.runningAsRoot(), "the end-to-end lab needs root: run as root or via scripts/test");
        long start = Deadline.nanoTime();
        hub = BridgedHub.start(lab -> startServer(lab, BridgedHub.PORT));
        server = hub.server();
        System.out.printf("bridge lab up in %d ms: %s%n", Deadline.since(start).toMillis(), hub);
    }

    protected abstract S startServer(VpnLab lab, int port);

    @AfterAll
    void stopLab() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    @Order(1)
    void rawModeOnAVethReachesTheLanHost() {
        hub.bridge(Mode.RAW);

        assertLanReachable(Mode.RAW);
    }

    @Test
    @Order(2)
    void rawModeIperf3FromTheClientToTheLanHost(TestReporter reporter) {
        hub.bridge(Mode.RAW);

        iperf3(Mode.RAW, reporter);
    }

    @Test
    @Order(3)
    void tapModeEnslavedToALinuxBridgeReachesTheLanHost() {
        hub.bridge(Mode.TAP);

        assertLanReachable(Mode.TAP);
    }

    @Test
    @Order(4)
    void tapModeIperf3FromTheClientToTheLanHost(TestReporter reporter) {
        hub.bridge(Mode.TAP);

        iperf3(Mode.TAP, reporter);
    }

    private void assertLanReachable(Mode mode) {
        Traffic traffic = hub.traffic();
        PingResult ping = traffic.ping(hub.lab().a(), BridgeLan.HOST_ADDRESS, 5);
        assertThat(ping.success()).as("%s mode ping:%n%s", mode, ping.output()).isTrue();
        assertThat(ping.lossPercent()).isZero();

        TransferResult download = traffic.tcpTransfer(hub.lan().namespace(), hub.lab().a(), BridgeLan.CLIENT_ADDRESS,
                TEN_MB);
        assertThat(download.complete()).as("10 MB from the LAN host in %s mode: %s", mode, download).isTrue();
        System.out.printf("%s, %s mode: 10 MB LAN host -> client in %d ms (%.0f Mbit/s)%n", server.product(), mode,
                download.elapsed().toMillis(), download.bitsPerSecond() / 1e6);
    }

    private void iperf3(Mode mode, TestReporter reporter) {
        int seconds = Integer.getInteger("hubfarm.lab.iperfSeconds", 5);
        Throughput t = hub.iperf3ToLanHost(seconds);
        String line = String.format("iperf3 client -> LAN host through %s, %s bridge, %d s: %s", server.product(),
                mode, seconds, t);
        System.out.println(line);
        System.out.println(server.bridgeStatus());
        reporter.publishEntry("iperf3 " + mode + " bridge bits/s", String.valueOf((long) t.receivedBitsPerSecond()));
        assertThat(t.receivedBitsPerSecond()).as(line).isPositive();
    }
}
