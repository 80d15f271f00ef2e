package io.hubfarm.dns;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Answers one query from the current {@link DnsSnapshot}, as the authoritative server of the cluster's
 * zone: the cluster name's A/AAAA records (at most {@value #MAX_ADDRESSES}, rotated on every query), the
 * zone's SOA and NS records with the name servers' addresses, NXDOMAIN for other names in the zone and
 * REFUSED outside it. Over UDP the reply fits the client's limit (512 octets, or its EDNS0 size up to
 * {@value #MAX_UDP_PAYLOAD}); one that does not is sent truncated (TC, no records), so the client asks
 * again over TCP.
 */
public final class DnsAnswerer {
    static final int MAX_ADDRESSES = 8;
    static final int MIN_UDP_PAYLOAD = 512;
    /** What this responder advertises and takes (the size DNS flag day 2020 recommends for UDP). */
    static final int MAX_UDP_PAYLOAD = 1232;
    static final int MAX_TCP_MESSAGE = 65_535;
    private static final int HEADER = 12;
    private static final int CLASS_ANY = 255;
    private static final long SOA_REFRESH = 3600;
    private static final long SOA_RETRY = 600;
    private static final long SOA_EXPIRE = 86_400;

    private final Supplier<DnsSnapshot> snapshot;
    private final AtomicInteger rotation = new AtomicInteger();

    public DnsAnswerer(Supplier<DnsSnapshot> snapshot) {
        this.snapshot = snapshot;
    }

    /** Fills {@code response} (already addressed, with the query's id) for {@code query}. */
    public void answer(DnsQuery query, DnsResponse response, boolean udp) {
        response.setOpCode(query.opCode());
        response.setRecursionDesired(query.isRecursionDesired());
        response.setRecursionAvailable(false);
        if (!query.opCode().equals(DnsOpCode.QUERY)) {
            response.setCode(DnsResponseCode.NOTIMP);
            return;
        }
        if (query.count(DnsSection.QUESTION) != 1) {
            response.setCode(DnsResponseCode.FORMERR);
            return;
        }
        DnsQuestion question = query.recordAt(DnsSection.QUESTION);
        response.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(question.name(), question.type(),
                question.dnsClass()));
        Optional<Integer> edns = ednsPayload(query);
        edns.ifPresent(size -> response.addRecord(DnsSection.ADDITIONAL, new EdnsOpt(MAX_UDP_PAYLOAD)));
        int limit = !udp ? MAX_TCP_MESSAGE : edns.map(size -> Math.max(MIN_UDP_PAYLOAD, Math.min(size, MAX_UDP_PAYLOAD)))
                .orElse(MIN_UDP_PAYLOAD);

        Reply reply = reply(question);
        response.setCode(reply.code);
        response.setAuthoritativeAnswer(reply.authoritative);
        if (size(question, reply, edns.isPresent()) > limit) {
            response.setTruncated(true);
            return;
        }
        reply.answers.forEach(r -> response.addRecord(DnsSection.ANSWER, r));
        reply.authority.forEach(r -> response.addRecord(DnsSection.AUTHORITY, r));
        reply.additional.forEach(r -> response.addRecord(DnsSection.ADDITIONAL, r));
    }

    /**
     * The reply for a client over its rate limit: the question and TC, no records, so a real resolver asks
     * again over TCP and a forged query gets nothing larger than itself.
     */
    public void truncated(DnsQuery query, DnsResponse response) {
        response.setOpCode(query.opCode());
        response.setRecursionDesired(query.isRecursionDesired());
        if (query.count(DnsSection.QUESTION) == 1) {
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            response.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(question.name(), question.type(),
                    question.dnsClass()));
        }
        response.setTruncated(true);
    }

    private Reply reply(DnsQuestion question) {
        DnsSnapshot now = snapshot.get();
        if (now.settings().isEmpty()
                || (question.dnsClass() != DnsRecord.CLASS_IN && question.dnsClass() != CLASS_ANY)) {
            return new Reply(DnsResponseCode.REFUSED, false);
        }
        DnsSettings settings = now.settings().get();
        Optional<DnsName> name = DnsName.parse(question.name());
        if (name.isEmpty()) {
            // Not a host name (a wildcard, an odd character): no such name here, if it is in the zone at all.
            String lower = question.name().toLowerCase(Locale.ROOT);
            return lower.endsWith("." + settings.zone().text())
                    ? negative(DnsResponseCode.NXDOMAIN, now, settings) : new Reply(DnsResponseCode.REFUSED, false);
        }
        if (!name.get().isWithin(settings.zone())) {
            return new Reply(DnsResponseCode.REFUSED, false);
        }
        String owner = question.name(); // the client's spelling: some resolvers check the case they sent
        long ttl = settings.ttl().toSeconds();
        DnsRecordType type = question.type();
        boolean any = type.equals(DnsRecordType.ANY);
        Reply reply = new Reply(DnsResponseCode.NOERROR, true);
        boolean known = false;
        if (name.get().equals(settings.clusterName())) {
            known = true;
            if (any || type.equals(DnsRecordType.A)) {
                rotated(now.ipv4()).forEach(a -> reply.answers.add(address(owner, DnsRecordType.A, ttl, a)));
            }
            if (any || type.equals(DnsRecordType.AAAA)) {
                rotated(now.ipv6()).forEach(a -> reply.answers.add(address(owner, DnsRecordType.AAAA, ttl, a)));
            }
        }
        if (name.get().equals(settings.zone())) {
            known = true;
            if (any || type.equals(DnsRecordType.SOA)) {
                reply.answers.add(soa(owner, now, settings));
            }
            if (any || type.equals(DnsRecordType.NS)) {
                for (NameServer ns : now.nameServers()) {
                    reply.answers.add(raw(owner, DnsRecordType.NS, ttl, ns.hostName().wire()));
                    glue(ns, ttl, reply.additional);
                }
            }
        }
        for (NameServer ns : now.nameServers()) {
            if (name.get().equals(ns.hostName())) {
                known = true;
                for (InetAddress a : ns.addresses()) {
                    DnsRecordType family = a.getAddress().length == 4 ? DnsRecordType.A : DnsRecordType.AAAA;
                    if (any || type.equals(family)) {
                        reply.answers.add(address(owner, family, ttl, a));
                    }
                }
            }
        }
        if (!known && !isAncestorOfAKnownName(name.get(), now, settings)) {
            return negative(DnsResponseCode.NXDOMAIN, now, settings);
        }
        if (reply.answers.isEmpty()) {
            return negative(DnsResponseCode.NOERROR, now, settings); // NODATA
        }
        return reply;
    }

    /** An empty non-terminal (a name between the zone and a name in it) exists, without records. */
    private static boolean isAncestorOfAKnownName(DnsName name, DnsSnapshot now, DnsSettings settings) {
        List<DnsName> known = new ArrayList<>(List.of(settings.clusterName()));
        now.nameServers().forEach(ns -> known.add(ns.hostName()));
        return known.stream().anyMatch(k -> k.text().endsWith("." + name.text()));
    }

    private static Reply negative(DnsResponseCode code, DnsSnapshot now, DnsSettings settings) {
        Reply negative = new Reply(code, true);
        negative.authority.add(soa(settings.zone().text(), now, settings));
        return negative;
    }

    private List<InetAddress> rotated(List<? extends InetAddress> all) {
        int n = all.size();
        if (n == 0) {
            return List.of();
        }
        int start = Math.floorMod(rotation.getAndIncrement(), n);
        List<InetAddress> out = new ArrayList<>(Math.min(n, MAX_ADDRESSES));
        for (int i = 0; i < Math.min(n, MAX_ADDRESSES); i++) {
            out.add(all.get((start + i) % n));
        }
        return out;
    }

    private static void glue(NameServer ns, long ttl, List<DnsRecord> additional) {
        for (InetAddress a : ns.addresses()) {
            DnsRecordType family = a.getAddress().length == 4 ? DnsRecordType.A : DnsRecordType.AAAA;
            additional.add(address(ns.hostName().text(), family, ttl, a));
        }
    }

    private static DnsRecord soa(String owner, DnsSnapshot now, DnsSettings settings) {
        DnsName primary = now.nameServers().isEmpty() ? settings.zone() : now.nameServers().getFirst().hostName();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(primary.wire());
            out.write(settings.zone().child("hostmaster").wire());
            out.writeInt((int) now.serial());
            out.writeInt((int) SOA_REFRESH);
            out.writeInt((int) SOA_RETRY);
            out.writeInt((int) SOA_EXPIRE);
            out.writeInt((int) settings.ttl().toSeconds()); // how long a "no such name" may be cached
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return raw(owner, DnsRecordType.SOA, settings.ttl().toSeconds(), bytes.toByteArray());
    }

    private static DnsRecord address(String owner, DnsRecordType type, long ttl, InetAddress address) {
        return raw(owner, type, ttl, address.getAddress());
    }

    private static DnsRecord raw(String owner, DnsRecordType type, long ttl, byte[] rdata) {
        return new DefaultDnsRawRecord(owner, type, DnsRecord.CLASS_IN, ttl, Unpooled.wrappedBuffer(rdata));
    }

    /** The EDNS0 UDP payload size the client offered, if its query has an OPT record. */
    private static Optional<Integer> ednsPayload(DnsQuery query) {
        for (int i = 0; i < query.count(DnsSection.ADDITIONAL); i++) {
            DnsRecord r = query.recordAt(DnsSection.ADDITIONAL, i);
            if (r.type().equals(DnsRecordType.OPT)) {
                return Optional.of(r.dnsClass());
            }
        }
        return Optional.empty();
    }

    /** The encoded size, as Netty's encoder writes it (names uncompressed). */
    private static int size(DnsQuestion question, Reply reply, boolean edns) {
        int size = HEADER + nameLength(question.name()) + 4 + (edns ? 11 : 0);
        for (List<DnsRecord> section : List.of(reply.answers, reply.authority, reply.additional)) {
            for (DnsRecord r : section) {
                size += nameLength(r.name()) + 10 + ((DefaultDnsRawRecord) r).content().readableBytes();
            }
        }
        return size;
    }

    private static int nameLength(String name) {
        return name.equals(".") || name.isEmpty() ? 1 : name.length() + (name.endsWith(".") ? 1 : 2);
    }

    private static final class Reply {
        final DnsResponseCode code;
        final boolean authoritative;
        final List<DnsRecord> answers = new ArrayList<>();
        final List<DnsRecord> authority = new ArrayList<>();
        final List<DnsRecord> additional = new ArrayList<>();

        Reply(DnsResponseCode code, boolean authoritative) {
            this.code = code;
            this.authoritative = authoritative;
        }
    }
}
