package io.hubfarm.node.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput between two real vpnclients through the hub, hubfarm next to Debian's vpnserver, measured
 * the same way in the same run: the lab's topology, iperf3 from a to b over the tunnel, several runs
 * each, for 1 and 8 TCP connections per session. Not part of the test suite (tag "bench"): run it with
 * {@code scripts/bench-vpn}; the figures go to docs/bench.md.
 */
@Tag("bench")
class VpnThroughputBench {
    private static final int PORT = 5555;
    private static final String HUB = "BENCH";

    @Test
    void iperf3ThroughHubfarmAndThroughTheRealServer() {
        assumeTrue(VpnLab.runningAsRoot(), "needs root");
        int seconds = Integer.getInteger("hubfarm.bench.seconds", 10);
        int runs = Integer.getInteger("hubfarm.bench.runs", 3);
        List<String> report = new ArrayList<>();
        String servers = System.getProperty("hubfarm.bench.servers", "softether,hubfarm");
        for (int maxTcp : new int[] {1, 8}) {
            if (servers.contains("softether")) {
                report.add(measure("SoftEther vpnserver 5.01 (Debian)", RealVpnServer::start, maxTcp, seconds, runs));
            }
            if (servers.contains("hubfarm")) {
                report.add(measure("hubfarm node", HubfarmNode::start, maxTcp, seconds, runs));
            }
        }
        System.out.println();
        System.out.println("| server | TCP connections per session | iperf3 a->b, Mbit/s (each run) | median |");
        System.out.println("|---|---|---|---|");
        report.forEach(System.out::println);
    }

    private static String measure(String product, BiFunction<VpnLab, Integer, ? extends VpnServerUnderTest> start,
                                  int maxTcp, int seconds, int runs) {
        try (VpnLab lab = VpnLab.create()) {
            VpnServerUnderTest server = start.apply(lab, PORT);
            server.createHub(HUB);
            server.createUser(HUB, "alice", "alice-pw");
            server.createUser(HUB, "bob", "bob-pw");
            connect(lab, server, lab.a(), "alice", "alice-pw", maxTcp);
            connect(lab, server, lab.b(), "bob", "bob-pw", maxTcp);
            Traffic traffic = new Traffic(lab);
            List<Double> mbits = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Throughput t = traffic.iperf3Throughput(lab.a(), lab.b(), lab.overlayAddress(lab.b()), seconds);
                mbits.add(t.receivedBitsPerSecond() / 1e6);
                System.out.printf("%s, %d TCP: run %d: %s%n", product, maxTcp, i + 1, t);
            }
            List<Double> sorted = mbits.stream().sorted().toList();
            return String.format("| %s | %d | %s | **%.0f** |", product, maxTcp,
                    String.join(", ", mbits.stream().map(m -> String.format("%.0f", m)).toList()),
                    sorted.get(sorted.size() / 2));
        }
    }

    private static void connect(VpnLab lab, VpnServerUnderTest server, Namespace ns, String user, String password,
                                int maxTcp) {
        RealVpnClient client = RealVpnClient.start(lab, ns);
        client.nicCreate("vpn0");
        client.accountCreate("bench", server.endpoint(ns), HUB, user, "vpn0");
        client.accountPassword("bench", password);
        client.accountDetail("bench", AccountDetail.defaults().withMaxTcp(maxTcp));
        client.connect("bench");
        client.awaitEstablished("bench", java.time.Duration.ofSeconds(30));
        client.awaitStatus("bench", maxTcp + " TCP connections", s -> s.tcpConnections().orElse(0) == Math.max(maxTcp, 2)
                || s.tcpConnections().orElse(0) == maxTcp, java.time.Duration.ofSeconds(30));
        client.configureTap("vpn0", lab.overlayAddress(ns) + "/" + VpnLab.OVERLAY_PREFIX_LENGTH);
    }
}
