package io.hubfarm.node.protocol.softether;

import io.hubfarm.node.protocol.pack.Pack;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * SoftEther's cluster redirect (spec §5): instead of a welcome, the address and ports of the node
 * that will host the session and a single-use ticket for it. The client answers with one empty PACK,
 * closes, and logs in there with {@code authtype} 99 and the ticket.
 *
 * @param description for the entry node's log (never the ticket)
 */
public record Redirect(InetAddress address, List<Integer> ports, byte[] ticket, String description)
        implements LoginOutcome {
    public static final int TICKET_LENGTH = 20;
    /** The client reads at most this many ports. */
    public static final int MAX_PORTS = 128;

    public Redirect {
        Objects.requireNonNull(address, "address");
        if (!(address instanceof Inet4Address)) {
            // The real client reads only the IPv4 form of the field.
            throw new IllegalArgumentException("a redirect needs an IPv4 address, not " + address);
        }
        ports = List.copyOf(ports);
        if (ports.isEmpty() || ports.size() > MAX_PORTS) {
            throw new IllegalArgumentException("a redirect carries 1.." + MAX_PORTS + " ports, not " + ports.size());
        }
        if (ticket.length != TICKET_LENGTH) {
            throw new IllegalArgumentException("a ticket is " + TICKET_LENGTH + " bytes, not " + ticket.length);
        }
        ticket = ticket.clone();
        Objects.requireNonNull(description, "description");
    }

    public Pack toPack() {
        return Pack.builder().putInt("Redirect", 1).putIp("Ip", address)
                .putIntArray("Port", ports.stream().mapToInt(Integer::intValue).toArray())
                .putData("Ticket", ticket).build();
    }

    @Override
    public byte[] ticket() {
        return ticket.clone();
    }

    @Override
    public String toString() {
        return "Redirect[" + address.getHostAddress() + ":" + ports + ", " + description + "]";
    }
}
