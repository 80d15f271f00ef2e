package io.hubfarm.dns.bench;

import io.hubfarm.dns.DnsName;
import io.hubfarm.dns.DnsResponder;
import io.hubfarm.dns.DnsSettings;
import io.hubfarm.dns.DnsSnapshot;
import io.hubfarm.dns.DnsUpdateTarget;
import io.hubfarm.dns.NameServer;
import io.hubfarm.dns.Rfc2136Updater;
import io.hubfarm.dns.testing.NamedServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Queries per second of the cluster's DNS responder and, in the same run and the same way, of BIND's named
 * serving the same three A records: dnsperf (Debian's dnsperf) asks each in turn for the cluster name's A
 * records over UDP on loopback. Both answer on one thread (named -n 1). Run by scripts/bench-dns.
 */
public final class DnsQpsBench {
    private static final Pattern QPS = Pattern.compile("Queries per second:\\s+([0-9.]+)");

    private DnsQpsBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("hubfarm.bench.seconds", 10);
        int runs = Integer.getInteger("hubfarm.bench.runs", 3);
        int clients = Integer.getInteger("hubfarm.bench.clients", 8);
        Path dir = Files.createTempDirectory("hubfarm-dns-bench");
        DnsSettings settings = new DnsSettings(DnsName.of("vpn.lab.test"), DnsName.of("vpn.lab.test"), Duration.ofSeconds(5));
        List<Inet4Address> nodes = List.of((Inet4Address) InetAddress.ofLiteral("192.0.2.1"),
                (Inet4Address) InetAddress.ofLiteral("192.0.2.2"), (Inet4Address) InetAddress.ofLiteral("192.0.2.3"));
        DnsSnapshot snapshot = new DnsSnapshot(Optional.of(settings), nodes, List.of(), List.of(new NameServer("n1",
                settings.zone().child("ns-n1"), List.of(nodes.getFirst()))), 1);
        Path queries = dir.resolve("queries.txt");
        Files.writeString(queries, "vpn.lab.test A\n");

        try (DnsResponder responder = DnsResponder.start(new InetSocketAddress("127.0.0.1", freePort()), () -> snapshot,
                System::nanoTime);
             NamedServer named = NamedServer.start(dir.resolve("named"), "127.0.0.1", freePort(), "vpn.lab.test",
                     List.of())) {
            DnsUpdateTarget target = DnsUpdateTarget.from(Map.of(DnsUpdateTarget.SERVER, named.server(),
                    DnsUpdateTarget.KEY_NAME, NamedServer.KEY_NAME, DnsUpdateTarget.SECRET_FILE,
                    named.secretFile().toString()), settings).orElseThrow();
            new Rfc2136Updater().replace(target, settings.clusterName(), settings.ttl(), nodes, List.of());
            List<Double> hubfarm = new ArrayList<>();
            List<Double> bind = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                bind.add(dnsperf(queries, "127.0.0.1", Integer.parseInt(named.server().split(":")[1]), seconds, clients));
                hubfarm.add(dnsperf(queries, "127.0.0.1", responder.udpAddress().getPort(), seconds, clients));
            }
            System.out.printf("| hubfarm responder | %s | **%.0f** |%n", list(hubfarm), median(hubfarm));
            System.out.printf("| BIND named 9.18 (-n 1) | %s | **%.0f** |%n", list(bind), median(bind));
        }
    }

    private static double dnsperf(Path queries, String server, int port, int seconds, int clients)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dnsperf", "-s", server, "-p", String.valueOf(port), "-d", queries.toString(),
                "-l", String.valueOf(seconds), "-c", String.valueOf(clients), "-q", "200", "-t", "2")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = QPS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("dnsperf printed no rate:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format("%.0f", v)).toList());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
