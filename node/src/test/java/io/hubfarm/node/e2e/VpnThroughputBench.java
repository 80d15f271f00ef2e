package io.hubfarm.node.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a user of the tunnel feels, hubfarm next to Debian's vpnserver, measured the same way in the same
 * run and topology: two real vpnclients (a, b) in one hub, each server in a fresh lab, one after the
 * other. Per server, in this order:
 * <ol>
 *   <li>the first 5 pings right after both clients are up, and the first ("cold") 10 MiB transfer a -> b;</li>
 *   <li>40 pings 50 ms apart: min / avg / max;</li>
 *   <li>5 × 10 MiB and 1 × 200 MiB transfers a -> b (socat, SHA-256 checked, timed until the receiver
 *       has everything);</li>
 *   <li>iperf3 a -> b and b -> a, with the sender's retransmits;</li>
 *   <li>hubfarm only: the frames its sessions dropped (from the node's session-end log lines).</li>
 * </ol>
 * The clients' UDP towards the server is dropped by default ({@code hubfarm.bench.udp=false}), so the
 * real server cannot move them to UDP acceleration and both servers are compared on TCP.
 *
 * <p>Not part of the test suite (tag "bench"): run it with {@code scripts/bench-vpn}; the figures go to
 * docs/bench.md. Properties: {@code hubfarm.bench.servers} (softether,hubfarm), {@code .seconds} (10,
 * per iperf3 run), {@code .rounds} (1: the whole sequence again, each in a fresh lab),
 * {@code .maxTcp} (the accounts' /MAXTCP, 1), {@code .udp} (false).
 */
@Tag("bench")
class VpnThroughputBench {
    private static final int PORT = 5555;
    private static final String HUB = "BENCH";
    private static final long MIB = 1024 * 1024;
    /** A client session's end line (not the warm-up's): its dropped frames and how often it was paused. */
    private static final Pattern DROPPED = Pattern.compile(
            "Session SID-.* bytes out, (\\d+) frames dropped, paused (\\d+) times");

    /** One server's figures from one round. */
    record Figures(String product, PingResult.Rtt firstPings, double coldSeconds, PingResult.Rtt pings,
                   List<Double> tenMib, double twoHundredMib, Throughput aToB, Throughput bToA, String dropped) {
        double tenMibMedian() {
            return median(tenMib);
        }
    }

    @Test
    void whatAUserFeelsThroughHubfarmAndThroughTheRealServer() {
        assumeTrue(VpnLab.runningAsRoot(), "needs root");
        int seconds = Integer.getInteger("hubfarm.bench.seconds", 10);
        int rounds = Integer.getInteger("hubfarm.bench.rounds", 1);
        int maxTcp = Integer.getInteger("hubfarm.bench.maxTcp", 1);
        boolean udp = Boolean.getBoolean("hubfarm.bench.udp");
        List<String> servers = Arrays.stream(System.getProperty("hubfarm.bench.servers", "softether,hubfarm").split(","))
                .map(String::trim).toList();
        List<Figures> all = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (String server : servers) {
                Figures f = switch (server) {
                    case "softether" -> measure("SoftEther vpnserver 5.01 (Debian)", RealVpnServer::start, maxTcp, udp, seconds);
                    case "hubfarm" -> measure("hubfarm node", HubfarmNode::start, maxTcp, udp, seconds);
                    default -> throw new IllegalArgumentException("unknown server " + server);
                };
                System.out.println("round " + round + ": " + f);
                all.add(f);
            }
        }
        report(all, maxTcp, udp, seconds);
    }

    private static Figures measure(String product, BiFunction<VpnLab, Integer, ? extends VpnServerUnderTest> start,
                                   int maxTcp, boolean udp, int seconds) {
        try (VpnLab lab = VpnLab.create()) {
            VpnServerUnderTest server = start.apply(lab, PORT);
            server.createHub(HUB);
            server.createUser(HUB, "alice", "alice-pw");
            server.createUser(HUB, "bob", "bob-pw");
            if (!udp) {
                lab.dropUdp(lab.a(), server.host(lab.a()));
                lab.dropUdp(lab.b(), server.host(lab.b()));
            }
            RealVpnClient a = connect(lab, server, lab.a(), "alice", "alice-pw", maxTcp);
            RealVpnClient b = connect(lab, server, lab.b(), "bob", "bob-pw", maxTcp);
            Traffic traffic = new Traffic(lab);
            String bAddress = lab.overlayAddress(lab.b());
            String aAddress = lab.overlayAddress(lab.a());

            PingResult.Rtt firstPings = traffic.ping(lab.a(), bAddress, 5, Duration.ofMillis(50)).rtt();
            double cold = transferSeconds(traffic, lab, bAddress, 10 * MIB);
            PingResult.Rtt pings = traffic.ping(lab.a(), bAddress, 40, Duration.ofMillis(50)).rtt();
            List<Double> tenMib = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tenMib.add(transferSeconds(traffic, lab, bAddress, 10 * MIB));
            }
            double twoHundred = transferSeconds(traffic, lab, bAddress, 200 * MIB);
            Throughput aToB = traffic.iperf3Throughput(lab.a(), lab.b(), bAddress, seconds);
            Throughput bToA = traffic.iperf3Throughput(lab.b(), lab.a(), aAddress, seconds);
            String dropped = "n/a";
            if (server instanceof HubfarmNode node) {
                a.stop();
                b.stop();
                dropped = droppedFrames(node);
            }
            return new Figures(product, firstPings, cold, pings, tenMib, twoHundred, aToB, bToA, dropped);
        }
    }

    private static double transferSeconds(Traffic traffic, VpnLab lab, String to, long bytes) {
        TransferResult t = traffic.tcpTransfer(lab.a(), lab.b(), to, bytes);
        if (!t.complete()) {
            throw new LabException("transfer of " + bytes + " bytes arrived incomplete or changed: " + t);
        }
        return t.elapsed().toNanos() / 1e9;
    }

    /**
     * The frames each session dropped and how often back-pressure paused it, from the node's
     * "Session ... ended" lines once both clients left.
     */
    private static String droppedFrames(HubfarmNode node) {
        List<String> counts = new ArrayList<>();
        Deadline.await("both sessions' end in the node log", Duration.ofSeconds(30), () -> {
            counts.clear();
            Matcher m = DROPPED.matcher(node.process().log());
            while (m.find()) {
                counts.add(m.group(1) + " (paused " + m.group(2) + "×)");
            }
            return counts.size() >= 2;
        }, () -> node.process().logTail(20));
        return String.join(" + ", counts);
    }

    private static RealVpnClient connect(VpnLab lab, VpnServerUnderTest server, Namespace ns, String user,
                                         String password, int maxTcp) {
        RealVpnClient client = RealVpnClient.start(lab, ns);
        client.nicCreate("vpn0");
        client.accountCreate("bench", server.endpoint(ns), HUB, user, "vpn0");
        client.accountPassword("bench", password);
        client.accountDetail("bench", AccountDetail.defaults().withMaxTcp(maxTcp));
        client.connect("bench");
        client.awaitEstablished("bench", Duration.ofSeconds(30));
        client.configureTap("vpn0", lab.overlayAddress(ns) + "/" + VpnLab.OVERLAY_PREFIX_LENGTH);
        return client;
    }

    private static void report(List<Figures> all, int maxTcp, boolean udp, int seconds) {
        System.out.println();
        System.out.printf("Two real vpnclients, one hub, /MAXTCP:%d, client UDP %s, iperf3 %d s%n%n", maxTcp,
                udp ? "allowed" : "dropped", seconds);
        System.out.println("| server | first 5 pings avg | cold 10 MiB | ping ×40 min / avg / max | 10 MiB ×5 (median) "
                + "| 200 MiB | iperf3 a→b (retr.) | iperf3 b→a (retr.) | hub drops |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        // the last column: frames each session dropped (and how often back-pressure paused it)
        for (Figures f : all) {
            System.out.printf(Locale.ROOT, "| %s | %.2f ms | %.3f s | %s | %s (**%.3f**) | %.2f s | %.0f Mbit/s (%d) "
                            + "| %.0f Mbit/s (%d) | %s |%n", f.product(), f.firstPings().avg(), f.coldSeconds(), f.pings(),
                    String.join(", ", f.tenMib().stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).toList()),
                    f.tenMibMedian(), f.twoHundredMib(), f.aToB().receivedBitsPerSecond() / 1e6, f.aToB().retransmits(),
                    f.bToA().receivedBitsPerSecond() / 1e6, f.bToA().retransmits(), f.dropped());
        }
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
