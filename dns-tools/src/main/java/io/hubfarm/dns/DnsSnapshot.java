package io.hubfarm.dns;

import io.hubfarm.schema.cluster.Lease;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.cluster.NodeState;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the responder answers from, refreshed with the heartbeat: the addresses of the nodes that take
 * sessions now, and the name servers. Answering never touches the database.
 *
 * @param serial the SOA serial: grows whenever the content changes
 */
public record DnsSnapshot(Optional<DnsSettings> settings, List<Inet4Address> ipv4, List<Inet6Address> ipv6,
                          List<NameServer> nameServers, long serial) {
    /** Before the first refresh, or while no cluster name is set: every query is refused. */
    public static final DnsSnapshot UNCONFIGURED = new DnsSnapshot(Optional.empty(), List.of(), List.of(), List.of(), 0);

    public DnsSnapshot {
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
        nameServers = List.copyOf(nameServers);
    }

    /**
     * The live set. A node takes sessions if it is ONLINE, its heartbeat is no older than {@code deadAfter}
     * by the database's clock, and it is not a controller-only node holding the lease; draining, starting,
     * stopped and dead nodes are left out. Name servers are the live running nodes with a responder.
     *
     * @param resolve a node's public host name to its addresses (literals never reach it)
     */
    public static DnsSnapshot of(DnsSettings settings, List<NodeRow> nodes, Lease lease, Set<Long> responders,
                                 Duration deadAfter, Function<String, List<InetAddress>> resolve, long serial) {
        List<Inet4Address> v4 = new ArrayList<>();
        List<Inet6Address> v6 = new ArrayList<>();
        List<NameServer> nameServers = new ArrayList<>();
        List<NodeRow> sorted = nodes.stream().sorted(Comparator.comparingLong(NodeRow::id)).toList();
        for (NodeRow node : sorted) {
            if (!node.isLive(deadAfter)) {
                continue;
            }
            List<InetAddress> addresses = addresses(node, resolve);
            boolean takesSessions = node.state() == NodeState.ONLINE
                    && !(node.controllerOnly() && lease.isHeldBy(node.id()));
            if (takesSessions) {
                for (InetAddress a : addresses) {
                    if (a instanceof Inet4Address four && !v4.contains(four)) {
                        v4.add(four);
                    } else if (a instanceof Inet6Address six && !v6.contains(six)) {
                        v6.add(six);
                    }
                }
            }
            if (responders.contains(node.id()) && !addresses.isEmpty()) {
                nameServers.add(new NameServer(node.name(), settings.zone().child(nsLabel(node.name())), addresses));
            }
        }
        return new DnsSnapshot(Optional.of(settings), v4, v6, nameServers, serial);
    }

    /** The same content (addresses and name servers), whatever the serial. */
    public boolean sameContent(DnsSnapshot other) {
        return settings.equals(other.settings) && ipv4.equals(other.ipv4) && ipv6.equals(other.ipv6)
                && nameServers.equals(other.nameServers);
    }

    public DnsSnapshot withSerial(long newSerial) {
        return new DnsSnapshot(settings, ipv4, ipv6, nameServers, newSerial);
    }

    /** "ns-" and the node's name as a DNS label (characters a label cannot hold become hyphens). */
    static String nsLabel(String nodeName) {
        String label = "ns-" + nodeName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return (label.length() > 63 ? label.substring(0, 63) : label).replaceAll("-+$", "");
    }

    private static List<InetAddress> addresses(NodeRow node, Function<String, List<InetAddress>> resolve) {
        String host = node.publicHost();
        if (host == null || host.isBlank()) {
            host = node.firstListenHost();
        }
        if (host.isEmpty()) {
            return List.of();
        }
        try {
            InetAddress literal = InetAddress.ofLiteral(host);
            return literal.isAnyLocalAddress() ? List.of() : List.of(literal);
        } catch (IllegalArgumentException e) {
            return resolve.apply(host);
        }
    }
}
