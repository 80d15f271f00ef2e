package io.hubfarm.node.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hubfarm.node.e2e.BridgedHub.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput through a local bridge, hubfarm next to Debian's vpnserver in the same run and the same
 * topology ({@link BridgedHub}: a real vpnclient, iperf3 from it to the LAN host behind the hub's raw or
 * TAP bridge, one TCP stream). Each server gets a lab of its own and both stay up for the whole run;
 * the runs alternate between the servers (SoftEther, hubfarm, SoftEther, ...), so load from elsewhere on
 * the machine falls on both alike. One unrecorded warm-up run per server and mode comes first (hubfarm's
 * JIT is cold, and the bridges' MAC tables are empty).
 *
 * <p>Not part of the test suite (tag "bench"): run it with {@code scripts/bench-bridge}; the figures go
 * to docs/bench.md. Properties: {@code hubfarm.bench.servers} (softether,hubfarm), {@code .modes}
 * (raw,tap), {@code .seconds} (10), {@code .runs} (3), {@code .warmupSeconds} (3, 0 for none).
 */
@Tag("bench")
class BridgeThroughputBench {
    private record Contender(String label, BridgedHub<?> hub, Map<Mode, List<Throughput>> runs) {
    }

    @Test
    void iperf3ThroughRawAndTapBridgesOfHubfarmAndTheRealServer() {
        assumeTrue(VpnLab.runningAsRoot(), "needs root");
        int seconds = Integer.getInteger("hubfarm.bench.seconds", 10);
        int runs = Integer.getInteger("hubfarm.bench.runs", 3);
        int warmup = Integer.getInteger("hubfarm.bench.warmupSeconds", 3);
        String servers = System.getProperty("hubfarm.bench.servers", "softether,hubfarm");
        List<Mode> modes = Arrays.stream(System.getProperty("hubfarm.bench.modes", "raw,tap").split(","))
                .map(m -> Mode.valueOf(m.trim().toUpperCase(Locale.ROOT))).toList();

        List<Contender> contenders = new ArrayList<>();
        try {
            if (servers.contains("softether")) {
                contenders.add(start("SoftEther vpnserver 5.01 (Debian)", lab -> RealVpnServer.start(lab, BridgedHub.PORT)));
            }
            if (servers.contains("hubfarm")) {
                contenders.add(start("hubfarm node", lab -> HubfarmNode.start(lab, BridgedHub.PORT)));
            }
            for (Mode mode : modes) {
                for (Contender c : contenders) {
                    c.hub().bridge(mode);
                    if (warmup > 0) {
                        System.out.printf("%s, %s bridge: warm-up %s%n", c.label(), mode, c.hub().iperf3ToLanHost(warmup));
                    }
                }
                for (int i = 1; i <= runs; i++) {
                    for (Contender c : contenders) {
                        Throughput t = c.hub().iperf3ToLanHost(seconds);
                        c.runs().computeIfAbsent(mode, m -> new ArrayList<>()).add(t);
                        System.out.printf("%s, %s bridge, run %d: %s%n", c.label(), mode, i, t);
                    }
                }
                for (Contender c : contenders) {
                    System.out.printf("%s after the %s runs:%n%s%n", c.label(), mode, c.hub().server().bridgeStatus());
                }
            }
        } finally {
            contenders.forEach(c -> c.hub().close());
        }
        report(contenders, modes, seconds);
    }

    private static Contender start(String label, Function<VpnLab, ? extends BridgeServerUnderTest> server) {
        BridgedHub<?> hub = BridgedHub.start(server);
        System.out.println("up: " + hub);
        return new Contender(label, hub, new LinkedHashMap<>());
    }

    private static void report(List<Contender> contenders, List<Mode> modes, int seconds) {
        System.out.println();
        System.out.printf("iperf3 client -> LAN host through the bridge, 1 TCP stream, %d s per run%n%n", seconds);
        System.out.println("| mode | server | Mbit/s (each run) | median | retransmits (each run) |");
        System.out.println("|---|---|---|---|---|");
        for (Mode mode : modes) {
            for (Contender c : contenders) {
                List<Throughput> runs = c.runs().getOrDefault(mode, List.of());
                System.out.printf("| %s | %s | %s | **%.0f** | %s |%n", mode, c.label(),
                        join(runs.stream().map(t -> String.format("%.0f", t.receivedBitsPerSecond() / 1e6)).toList()),
                        medianMbits(runs), join(runs.stream().map(t -> String.valueOf(t.retransmits())).toList()));
            }
        }
        if (contenders.size() == 2) {
            System.out.println();
            for (Mode mode : modes) {
                double first = medianMbits(contenders.get(0).runs().getOrDefault(mode, List.of()));
                double second = medianMbits(contenders.get(1).runs().getOrDefault(mode, List.of()));
                System.out.printf("%s: %s / %s = %.2f (medians)%n", mode, contenders.get(1).label(),
                        contenders.get(0).label(), first > 0 ? second / first : Double.NaN);
            }
        }
    }

    private static double medianMbits(List<Throughput> runs) {
        double[] sorted = runs.stream().mapToDouble(t -> t.receivedBitsPerSecond() / 1e6).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String join(List<String> cells) {
        return String.join(", ", cells);
    }
}
