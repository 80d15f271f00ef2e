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
 * A real vpnclient and the LAN host behind a hub's local bridge, hubfarm next to Debian's vpnserver in
 * the same run and topology ({@link BridgedHub}: raw or TAP bridge). Each server gets a lab of its own and
 * both stay up for the whole run; the runs alternate between the servers (SoftEther, hubfarm, SoftEther,
 * ...), so load from elsewhere on the machine falls on both alike. Per server and mode: the first ("cold")
 * 10 MiB from the LAN host to the client right after bridging, one unrecorded iperf3 warm-up, 40 pings
 * 50 ms apart, then in each run a 10 MiB transfer LAN host -> client and iperf3 both ways with the
 * sender's retransmits; the bridges' counters at the end. The client's UDP is dropped
 * ({@code hubfarm.bench.udp=false}), so the real server cannot switch it to UDP acceleration.
 *
 * <p>Not part of the test suite (tag "bench"): run it with {@code scripts/bench-bridge}; the figures go
 * to docs/bench.md. Properties: {@code hubfarm.bench.servers} (softether,hubfarm), {@code .modes}
 * (raw,tap), {@code .seconds} (10), {@code .runs} (3), {@code .warmupSeconds} (3, 0 for none),
 * {@code .udp} (false).
 */
@Tag("bench")
class BridgeThroughputBench {
    private static final long TEN_MIB = 10L * 1024 * 1024;

    /** One server's figures in one mode. */
    private static final class Figures {
        double coldSeconds;
        PingResult.Rtt pings;
        final List<Double> tenMib = new ArrayList<>();
        final List<Throughput> toLan = new ArrayList<>();
        final List<Throughput> fromLan = new ArrayList<>();
    }

    private record Contender(String label, BridgedHub<?> hub, Map<Mode, Figures> figures) {
    }

    @Test
    void whatAUserFeelsThroughRawAndTapBridgesOfHubfarmAndTheRealServer() {
        assumeTrue(VpnLab.runningAsRoot(), "needs root");
        int seconds = Integer.getInteger("hubfarm.bench.seconds", 10);
        int runs = Integer.getInteger("hubfarm.bench.runs", 3);
        int warmup = Integer.getInteger("hubfarm.bench.warmupSeconds", 3);
        boolean udp = Boolean.getBoolean("hubfarm.bench.udp");
        String servers = System.getProperty("hubfarm.bench.servers", "softether,hubfarm");
        List<Mode> modes = Arrays.stream(System.getProperty("hubfarm.bench.modes", "raw,tap").split(","))
                .map(m -> Mode.valueOf(m.trim().toUpperCase(Locale.ROOT))).toList();

        List<Contender> contenders = new ArrayList<>();
        try {
            if (servers.contains("softether")) {
                contenders.add(start("SoftEther vpnserver 5.01 (Debian)", lab -> RealVpnServer.start(lab, BridgedHub.PORT), udp));
            }
            if (servers.contains("hubfarm")) {
                contenders.add(start("hubfarm node", lab -> HubfarmNode.start(lab, BridgedHub.PORT), udp));
            }
            for (Mode mode : modes) {
                for (Contender c : contenders) {
                    c.hub().bridge(mode);
                    Figures f = c.figures().computeIfAbsent(mode, m -> new Figures());
                    f.coldSeconds = seconds(c.hub().transferFromLanHost(TEN_MIB));
                    if (warmup > 0) {
                        System.out.printf("%s, %s bridge: warm-up %s%n", c.label(), mode, c.hub().iperf3ToLanHost(warmup));
                    }
                    f.pings = c.hub().pingLanHost(40).rtt();
                }
                for (int i = 1; i <= runs; i++) {
                    for (Contender c : contenders) {
                        Figures f = c.figures().get(mode);
                        f.tenMib.add(seconds(c.hub().transferFromLanHost(TEN_MIB)));
                        f.toLan.add(c.hub().iperf3ToLanHost(seconds));
                        f.fromLan.add(c.hub().iperf3FromLanHost(seconds));
                        System.out.printf("%s, %s bridge, run %d: 10 MiB from LAN %.3f s, to LAN %s, from LAN %s%n",
                                c.label(), mode, i, f.tenMib.getLast(), f.toLan.getLast(), f.fromLan.getLast());
                    }
                }
                for (Contender c : contenders) {
                    System.out.printf("%s after the %s runs:%n%s%n", c.label(), mode, c.hub().server().bridgeStatus());
                }
            }
        } finally {
            contenders.forEach(c -> c.hub().close());
        }
        report(contenders, modes, seconds, udp);
    }

    private static double seconds(TransferResult t) {
        if (!t.complete()) {
            throw new LabException("transfer arrived incomplete or changed: " + t);
        }
        return t.elapsed().toNanos() / 1e9;
    }

    private static Contender start(String label, Function<VpnLab, ? extends BridgeServerUnderTest> server, boolean udp) {
        BridgedHub<?> hub = BridgedHub.start(server, udp);
        System.out.println("up: " + hub);
        return new Contender(label, hub, new LinkedHashMap<>());
    }

    private static void report(List<Contender> contenders, List<Mode> modes, int seconds, boolean udp) {
        System.out.println();
        System.out.printf("Client <-> LAN host through the bridge, client UDP %s, iperf3 1 TCP stream %d s per run%n%n",
                udp ? "allowed" : "dropped", seconds);
        System.out.println("| mode | server | cold 10 MiB from LAN | ping ×40 min / avg / max | 10 MiB from LAN (median) "
                + "| iperf3 client→LAN Mbit/s (median; retransmits) | iperf3 LAN→client Mbit/s (median; retransmits) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Mode mode : modes) {
            for (Contender c : contenders) {
                Figures f = c.figures().get(mode);
                if (f == null) {
                    continue;
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %.3f s | %s | %s (**%.3f**) | %s | %s |%n", mode, c.label(),
                        f.coldSeconds, f.pings, join(f.tenMib.stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).toList()),
                        VpnThroughputBench.median(f.tenMib), iperf(f.toLan), iperf(f.fromLan));
            }
        }
    }

    private static String iperf(List<Throughput> runs) {
        List<Double> mbits = runs.stream().map(t -> t.receivedBitsPerSecond() / 1e6).toList();
        return String.format(Locale.ROOT, "%s (**%.0f**; %s)",
                join(mbits.stream().map(m -> String.format(Locale.ROOT, "%.0f", m)).toList()),
                mbits.isEmpty() ? 0 : VpnThroughputBench.median(mbits),
                join(runs.stream().map(t -> String.valueOf(t.retransmits())).toList()));
    }

    private static String join(List<String> cells) {
        return String.join(", ", cells);
    }
}
