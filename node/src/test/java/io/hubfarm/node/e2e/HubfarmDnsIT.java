package io.hubfarm.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hubfarm.dns.testing.NamedServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster's DNS name, asked with the real {@code dig} (Debian's bind9-dnsutils) of every node of a
 * three-node cluster running {@code --dns-listen}: the three public addresses, rotated; SOA, NS, NXDOMAIN
 * and REFUSED; and a killed node gone from the answers within TTL + dead_after + 1 s. The controller also
 * keeps BIND's named (the external primary of zone lab.test) up to date with RFC 2136 updates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubfarmDnsIT {
    private static final int DNS_PORT = 5353;
    private static final String NAME = "vpn.lab.test";
    private static final Duration TTL = Duration.ofSeconds(5);
    private static final Duration DEAD_AFTER = Duration.ofSeconds(5); // the cluster's default

    private VpnLab lab;
    private ClusterLab cluster;
    private NamedServer named;

    @BeforeAll
    void startCluster() {
        assumeTrue(VpnLab.runningAsRoot(), "the cluster lab needs root (network namespaces): run via scripts/test");
        lab = VpnLab.create();
        cluster = ClusterLab.onFirstNodesDatabase(lab, 3,
                i -> List.of("--dns-listen", ClusterLab.ADDRESSES.get(i) + ":" + DNS_PORT));
        cluster.cli("dns", "configure", "--name", NAME, "--ttl", String.valueOf(TTL.toSeconds()));
        named = NamedServer.start(lab.newDirectory("named"), "127.0.0.1", 5354, "lab.test",
                List.of("ip", "netns", "exec", lab.srv().name()));
        cluster.cli("dns", "updates", "--server", named.server(), "--zone", "lab.test", "--key-name",
                NamedServer.KEY_NAME, "--secret-file", named.secretFile().toString());
    }

    @AfterAll
    void stopCluster() {
        if (named != null) {
            named.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void everyNodeAnswersWithTheThreeAddressesInRotatingOrder() {
        for (int node = 0; node < 3; node++) {
            int n = node;
            List<String> first = Deadline.await("node " + n + " answering with 3 addresses", Duration.ofSeconds(10),
                    () -> Optional.of(shortAnswer(n, NAME, "A")).filter(a -> a.size() == 3), () -> dig(n, NAME, "A"));
            assertThat(first).containsExactlyInAnyOrderElementsOf(ClusterLab.ADDRESSES);
            Set<List<String>> orders = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                orders.add(shortAnswer(n, NAME, "A"));
            }
            assertThat(orders).as("the order rotates between queries").hasSizeGreaterThan(1);
        }
        List<String> primary = Deadline.await("the controller's update on named", Duration.ofSeconds(15),
                () -> Optional.of(named.ask(NAME, "A")).filter(a -> a.size() == 3), named::log);
        assertThat(primary).containsExactlyInAnyOrderElementsOf(ClusterLab.ADDRESSES);
        String full = dig(1, NAME, "A");
        System.out.println("dig " + NAME + " A:\n" + full);
        assertThat(full).contains("status: NOERROR", "flags: qr aa").containsPattern(NAME + "\\.\\s+5\\s+IN\\s+A");
    }

    @Test
    @Order(2)
    void theZoneHasSoaAndNsAndAnswersNxdomainInsideAndRefusedOutside() {
        assertThat(shortAnswer(0, NAME, "SOA")).singleElement().asString()
                .startsWith("ns-cn1." + NAME + ". hostmaster." + NAME + ".");
        assertThat(shortAnswer(0, NAME, "NS")).containsExactlyInAnyOrder("ns-cn1." + NAME + ".", "ns-cn2." + NAME + ".",
                "ns-cn3." + NAME + ".");
        assertThat(shortAnswer(2, "ns-cn2." + NAME, "A")).containsExactly(ClusterLab.ADDRESSES.get(1));
        assertThat(dig(0, "nope." + NAME, "A")).contains("status: NXDOMAIN", "flags: qr aa");
        assertThat(dig(0, "example.com", "A")).contains("status: REFUSED");
        assertThat(dig(0, NAME, "MX")).contains("status: NOERROR", "ANSWER: 0");
        assertThat(dig(0, NAME, "A", "+tcp")).contains("status: NOERROR", "ANSWER: 3");
    }

    @Test
    @Order(3)
    void aKilledNodeLeavesTheAnswersWithinTtlPlusDeadAfterPlusOneSecond() {
        long killed = Deadline.nanoTime();
        cluster.node(2).kill();
        List<String> after = Deadline.await("the answers without cn3", Duration.ofSeconds(30),
                () -> Optional.of(shortAnswer(0, NAME, "A")).filter(a -> a.size() == 2), () -> dig(0, NAME, "A"));
        Duration took = Deadline.since(killed);
        System.out.printf("kill -9 of cn3: left the DNS answers after %d ms%n", took.toMillis());
        assertThat(after).containsExactlyInAnyOrder(ClusterLab.ADDRESSES.get(0), ClusterLab.ADDRESSES.get(1));
        assertThat(took).isLessThanOrEqualTo(TTL.plus(DEAD_AFTER).plusSeconds(1));
        // Each node rereads the cluster with its own heartbeat: cn2 may drop cn3 up to one heartbeat after cn1 did.
        List<String> nameServers = Deadline.await("cn2 no longer naming cn3 a name server", Duration.ofSeconds(2),
                () -> Optional.of(shortAnswer(1, NAME, "NS")).filter(ns -> ns.size() == 2), () -> dig(1, NAME, "NS"));
        assertThat(nameServers).doesNotContain("ns-cn3." + NAME + ".");
        assertThat(Deadline.since(killed)).as("cn2 too").isLessThanOrEqualTo(TTL.plus(DEAD_AFTER).plusSeconds(1));
        List<String> primary = Deadline.await("named following the death", Duration.ofSeconds(15),
                () -> Optional.of(named.ask(NAME, "A")).filter(a -> a.size() == 2), named::log);
        assertThat(primary).containsExactlyInAnyOrder(ClusterLab.ADDRESSES.get(0), ClusterLab.ADDRESSES.get(1));
        assertThat(cluster.cli("dns", "zone")).contains(NAME + ".\tIN\tA\t" + ClusterLab.ADDRESSES.get(0))
                .doesNotContain("\tA\t" + ClusterLab.ADDRESSES.get(2));
    }

    private List<String> shortAnswer(int node, String name, String type) {
        return lab.exec(lab.srv(), "dig", "@" + ClusterLab.ADDRESSES.get(node), "-p", String.valueOf(DNS_PORT), name, type,
                "+short", "+time=2", "+tries=1").requireSuccess().stdout().lines().map(String::trim)
                .filter(l -> !l.isEmpty()).toList();
    }

    private String dig(int node, String name, String type, String... options) {
        List<String> command = new java.util.ArrayList<>(List.of("dig", "@" + ClusterLab.ADDRESSES.get(node), "-p",
                String.valueOf(DNS_PORT), name, type, "+time=2", "+tries=1"));
        command.addAll(List.of(options));
        return lab.exec(lab.srv(), Duration.ofSeconds(10), command).stdout();
    }
}
