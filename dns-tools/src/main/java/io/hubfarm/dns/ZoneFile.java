package io.hubfarm.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;

/**
 * A BIND zone file of the current live set, for operators who serve the cluster's name from their own DNS
 * servers ({@code hubfarm dns zone}). Unlike the responder it lists every live node, not eight at a time.
 */
public final class ZoneFile {
    private ZoneFile() {
    }

    /** @throws IllegalStateException if no cluster name is configured */
    public static String render(DnsSnapshot snapshot, Instant at) {
        DnsSettings s = snapshot.settings().orElseThrow(() -> new IllegalStateException(
                "no DNS name is configured: set one with 'hubfarm dns configure --name NAME'"));
        long ttl = s.ttl().toSeconds();
        StringBuilder z = new StringBuilder();
        z.append("; hubfarm cluster ").append(s.clusterName().relativeText()).append(", live set as of ").append(at)
                .append('\n');
        z.append("$ORIGIN ").append(s.zone().text()).append('\n');
        z.append("$TTL ").append(ttl).append('\n');
        String primary = snapshot.nameServers().isEmpty() ? s.zone().child("ns").text()
                : snapshot.nameServers().getFirst().hostName().text();
        z.append("@\tIN\tSOA\t").append(primary).append(' ').append(s.zone().child("hostmaster").text())
                .append(" (").append(snapshot.serial()).append(" 3600 600 86400 ").append(ttl).append(")\n");
        if (snapshot.nameServers().isEmpty()) {
            z.append("; no node runs the DNS responder: replace ").append(primary)
                    .append(" with the name servers that will serve this zone\n");
            z.append("@\tIN\tNS\t").append(primary).append('\n');
        }
        for (NameServer ns : snapshot.nameServers()) {
            z.append("@\tIN\tNS\t").append(ns.hostName().text()).append('\n');
        }
        for (NameServer ns : snapshot.nameServers()) {
            for (InetAddress a : ns.addresses()) {
                z.append(ns.hostName().text()).append("\tIN\t").append(a instanceof Inet4Address ? "A" : "AAAA")
                        .append('\t').append(a.getHostAddress()).append('\n');
            }
        }
        if (snapshot.ipv4().isEmpty() && snapshot.ipv6().isEmpty()) {
            z.append("; no node takes sessions now: ").append(s.clusterName().text()).append(" has no addresses\n");
        }
        for (InetAddress a : snapshot.ipv4()) {
            z.append(s.clusterName().text()).append("\tIN\tA\t").append(a.getHostAddress()).append('\n');
        }
        for (InetAddress a : snapshot.ipv6()) {
            z.append(s.clusterName().text()).append("\tIN\tAAAA\t").append(a.getHostAddress()).append('\n');
        }
        return z.toString();
    }
}
