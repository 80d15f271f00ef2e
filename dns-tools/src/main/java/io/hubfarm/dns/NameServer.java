package io.hubfarm.dns;

import java.net.InetAddress;
import java.util.List;

/** A node that answers DNS for the zone: its NS name ({@code ns-NODE.ZONE}) and that name's addresses (glue). */
public record NameServer(String nodeName, DnsName hostName, List<InetAddress> addresses) {
    public NameServer {
        addresses = List.copyOf(addresses);
    }
}
