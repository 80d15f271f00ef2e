package io.hubfarm.dns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Replaces the cluster name's A and AAAA records on an external primary server with one signed RFC 2136
 * update (delete both RRsets, add the live addresses), over TCP so the reply is never truncated.
 */
public final class Rfc2136Updater {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** @throws DnsUpdateException with the server's answer, or why it could not be asked */
    public void replace(DnsUpdateTarget target, DnsName name, Duration ttl, List<Inet4Address> ipv4,
                        List<Inet6Address> ipv6) {
        Update update;
        Name owner;
        try {
            owner = Name.fromString(name.text());
            update = new Update(Name.fromString(target.zone().text()));
        } catch (TextParseException e) {
            throw new DnsUpdateException("invalid name: " + e.getMessage(), e);
        }
        update.delete(owner, Type.A);
        update.delete(owner, Type.AAAA);
        for (InetAddress a : ipv4) {
            update.add(new ARecord(owner, DClass.IN, ttl.toSeconds(), a));
        }
        for (InetAddress a : ipv6) {
            update.add(new AAAARecord(owner, DClass.IN, ttl.toSeconds(), a));
        }
        SimpleResolver resolver = new SimpleResolver(target.server());
        resolver.setTCP(true);
        resolver.setTimeout(TIMEOUT);
        try {
            resolver.setTSIGKey(new TSIG(TSIG.algorithmToName(target.algorithm()),
                    Name.fromString(target.keyName().text()), target.secret()));
        } catch (TextParseException e) {
            throw new DnsUpdateException("invalid key name: " + e.getMessage(), e);
        }
        Message reply;
        try {
            reply = resolver.send(update);
        } catch (IOException e) {
            throw new DnsUpdateException("no answer from " + target.serverHost() + ":" + target.serverPort() + ": "
                    + e.getMessage(), e);
        }
        int rcode = reply.getRcode();
        if (rcode != Rcode.NOERROR) {
            throw new DnsUpdateException(target.serverHost() + ":" + target.serverPort() + " refused the update of "
                    + name + " in zone " + target.zone() + ": " + Rcode.string(rcode)
                    + (reply.getTSIG() != null && reply.getTSIG().getError() != Rcode.NOERROR
                    ? " (TSIG " + Rcode.TSIGstring(reply.getTSIG().getError()) + ": check the key name, algorithm and secret)"
                    : ""));
        }
    }
}
