package io.hubfarm.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.schema.cluster.Lease;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.cluster.NodeState;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which nodes the cluster name points at, the name servers, the settings and the zone file. */
class DnsSnapshotTest {
    private static final Duration DEAD_AFTER = Duration.ofSeconds(5);
    private static final Lease NOBODY = new Lease(OptionalLong.empty(), 1, Duration.ZERO);

    static NodeRow node(long id, String name, String publicHost, NodeState state, Duration heartbeatAge,
                        boolean controllerOnly) {
        return new NodeRow(id, name, "0.0.0.0:5555", publicHost, "5555", 100, 4096, controllerOnly, state, 1, "test",
                Instant.EPOCH, Instant.EPOCH, heartbeatAge, 0, 0, 0, 0, 1, 1, 0, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void onlyOnlineNodesWithAFreshHeartbeatAreAnswered() {
        List<NodeRow> nodes = List.of(
                node(1, "up", "192.0.2.1", NodeState.ONLINE, Duration.ofMillis(300), false),
                node(2, "silent", "192.0.2.2", NodeState.ONLINE, Duration.ofSeconds(6), false),
                node(3, "draining", "192.0.2.3", NodeState.DRAINING, Duration.ZERO, false),
                node(4, "stopped", "192.0.2.4", NodeState.OFFLINE, Duration.ZERO, false),
                node(5, "dead", "192.0.2.5", NodeState.DEAD, Duration.ZERO, false),
                node(6, "v6", "2001:db8::6", NodeState.ONLINE, Duration.ZERO, false),
                node(7, "named", "node7.example.net", NodeState.ONLINE, Duration.ZERO, false));
        DnsSnapshot s = DnsSnapshot.of(DnsAnswererTest.SETTINGS, nodes, NOBODY, Set.of(1L, 2L, 3L), DEAD_AFTER,
                host -> List.of(InetAddress.ofLiteral("198.51.100.7")), 1);

        assertThat(s.ipv4()).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.1", "198.51.100.7");
        assertThat(s.ipv6()).extracting(InetAddress::getHostAddress).containsExactly("2001:db8:0:0:0:0:0:6");
        assertThat(s.nameServers()).as("responders of live running nodes, draining ones too")
                .extracting(ns -> ns.hostName().text()).containsExactly("ns-up.vpn.example.com.", "ns-draining.vpn.example.com.");
    }

    @Test
    void aControllerOnlyNodeIsLeftOutWhileItHoldsTheLease() {
        NodeRow only = node(1, "ctl", "192.0.2.1", NodeState.ONLINE, Duration.ZERO, true);
        NodeRow other = node(2, "m", "192.0.2.2", NodeState.ONLINE, Duration.ZERO, false);
        Lease held = new Lease(OptionalLong.of(1), 3, Duration.ofSeconds(10));
        assertThat(DnsSnapshot.of(DnsAnswererTest.SETTINGS, List.of(only, other), held, Set.of(), DEAD_AFTER, h -> List.of(), 1)
                .ipv4()).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.2");
        assertThat(DnsSnapshot.of(DnsAnswererTest.SETTINGS, List.of(only, other), NOBODY, Set.of(), DEAD_AFTER, h -> List.of(), 1)
                .ipv4()).hasSize(2);
    }

    @Test
    void settingsAreValidatedWithTheNameOfTheWrongOne() {
        assertThat(DnsSettings.from(Map.of())).isEmpty();
        DnsSettings s = DnsSettings.from(Map.of(DnsSettings.NAME, "VPN.Example.com", DnsSettings.TTL, "30")).orElseThrow();
        assertThat(s.clusterName().text()).isEqualTo("vpn.example.com.");
        assertThat(s.zone()).isEqualTo(s.clusterName());
        assertThat(s.ttl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(DnsSettings.from(Map.of(DnsSettings.NAME, "vpn.example.com", DnsSettings.ZONE, "example.com"))
                .orElseThrow().zone().text()).isEqualTo("example.com.");
        assertThatThrownBy(() -> DnsSettings.from(Map.of(DnsSettings.NAME, "vpn.example.com", DnsSettings.ZONE, "other.org")))
                .hasMessageContaining("not within dns.zone");
        assertThatThrownBy(() -> DnsSettings.from(Map.of(DnsSettings.NAME, "bad_name!.com")))
                .hasMessageStartingWith("dns.name:");
        assertThatThrownBy(() -> DnsSettings.from(Map.of(DnsSettings.NAME, "vpn.example.com", DnsSettings.TTL, "soon")))
                .hasMessageContaining("dns.ttl-seconds");
    }

    @Test
    void theZoneFileListsEveryLiveNodeWithSoaAndNameServers() {
        String zone = ZoneFile.render(DnsAnswererTest.snapshot(10, 2), Instant.parse("2026-12-04T12:00:00Z"));
        assertThat(zone).contains("$ORIGIN vpn.example.com.", "$TTL 5",
                "@\tIN\tSOA\tns-n1.vpn.example.com. hostmaster.vpn.example.com. (42 3600 600 86400 5)",
                "@\tIN\tNS\tns-n2.vpn.example.com.", "ns-n2.vpn.example.com.\tIN\tA\t192.0.2.2",
                "vpn.example.com.\tIN\tAAAA\t2001:db8:0:0:0:0:0:1");
        assertThat(zone.lines().filter(l -> l.startsWith("vpn.example.com.\tIN\tA\t"))).as("not eight: all").hasSize(10);
        assertThatThrownBy(() -> ZoneFile.render(DnsSnapshot.UNCONFIGURED, Instant.EPOCH))
                .hasMessageContaining("hubfarm dns configure");
    }
}
