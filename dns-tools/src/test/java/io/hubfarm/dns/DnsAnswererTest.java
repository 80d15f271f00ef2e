package io.hubfarm.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.dns.DefaultDnsQuery;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.buffer.Unpooled;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The answers of the cluster's authoritative responder, from a snapshot: no sockets, no database. */
class DnsAnswererTest {
    static final DnsSettings SETTINGS = new DnsSettings(DnsName.of("vpn.example.com"), DnsName.of("vpn.example.com"),
            Duration.ofSeconds(5));

    static DnsSnapshot snapshot(int nodes, int nameServers) {
        List<Inet4Address> v4 = new ArrayList<>();
        List<NameServer> ns = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            Inet4Address a = (Inet4Address) InetAddress.ofLiteral("192.0.2." + i);
            v4.add(a);
            if (i <= nameServers) {
                ns.add(new NameServer("n" + i, SETTINGS.zone().child("ns-n" + i), List.of(a)));
            }
        }
        return new DnsSnapshot(Optional.of(SETTINGS), v4, List.of((Inet6Address) InetAddress.ofLiteral("2001:db8::1")),
                ns, 42);
    }

    private final DnsAnswerer threeNodes = new DnsAnswerer(() -> snapshot(3, 2));

    @Test
    void theClusterNameHasTheAddressOfEveryLiveNodeRotatedOnEveryQuery() {
        DnsResponse first = ask(threeNodes, "VPN.Example.COM.", DnsRecordType.A, true);
        assertThat(first.code()).isEqualTo(DnsResponseCode.NOERROR);
        assertThat(first.isAuthoritativeAnswer()).isTrue();
        List<String> a = addresses(first);
        assertThat(a).containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2", "192.0.2.3");
        assertThat(first.<DnsRecord>recordAt(DnsSection.ANSWER, 0).name()).as("the client's spelling")
                .isEqualTo("VPN.Example.COM.");
        assertThat(first.<DnsRecord>recordAt(DnsSection.ANSWER, 0).timeToLive()).isEqualTo(5);
        List<String> second = addresses(ask(threeNodes, "vpn.example.com.", DnsRecordType.A, true));
        assertThat(second).containsExactlyInAnyOrderElementsOf(a).isNotEqualTo(a);

        assertThat(addresses(ask(threeNodes, "vpn.example.com.", DnsRecordType.AAAA, true))).containsExactly("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void atMostEightAddressesAreGivenAndEveryNodeGetsItsTurn() {
        DnsAnswerer twenty = new DnsAnswerer(() -> snapshot(20, 1));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            List<String> answer = addresses(ask(twenty, "vpn.example.com.", DnsRecordType.A, false));
            assertThat(answer).hasSize(8).doesNotHaveDuplicates();
            seen.addAll(answer);
        }
        assertThat(seen).hasSize(20);
    }

    @Test
    void theZoneHasItsSoaAndOneNsPerResponderWithTheirAddresses() {
        DnsResponse soa = ask(threeNodes, "vpn.example.com.", DnsRecordType.SOA, true);
        assertThat(soa.count(DnsSection.ANSWER)).isEqualTo(1);
        byte[] rdata = content(soa.recordAt(DnsSection.ANSWER, 0));
        byte[] primary = DnsName.of("ns-n1.vpn.example.com").wire();
        assertThat(java.util.Arrays.copyOf(rdata, primary.length)).isEqualTo(primary);

        DnsResponse ns = ask(threeNodes, "vpn.example.com.", DnsRecordType.NS, true);
        assertThat(ns.count(DnsSection.ANSWER)).isEqualTo(2);
        assertThat(content(ns.recordAt(DnsSection.ANSWER, 1))).isEqualTo(DnsName.of("ns-n2.vpn.example.com").wire());
        assertThat(ns.count(DnsSection.ADDITIONAL)).as("glue").isEqualTo(2);

        assertThat(addresses(ask(threeNodes, "ns-n2.vpn.example.com.", DnsRecordType.A, true))).containsExactly("192.0.2.2");
    }

    @Test
    void anUnknownNameInTheZoneIsNxdomainAndAKnownNameWithoutTheTypeIsNodata() {
        DnsResponse unknown = ask(threeNodes, "nope.vpn.example.com.", DnsRecordType.A, true);
        assertThat(unknown.code()).isEqualTo(DnsResponseCode.NXDOMAIN);
        assertThat(unknown.isAuthoritativeAnswer()).isTrue();
        assertThat(unknown.<DnsRecord>recordAt(DnsSection.AUTHORITY, 0).type()).isEqualTo(DnsRecordType.SOA);
        assertThat(ask(threeNodes, "*.vpn.example.com.", DnsRecordType.A, true).code()).isEqualTo(DnsResponseCode.NXDOMAIN);

        DnsResponse mx = ask(threeNodes, "vpn.example.com.", DnsRecordType.MX, true);
        assertThat(mx.code()).isEqualTo(DnsResponseCode.NOERROR);
        assertThat(mx.count(DnsSection.ANSWER)).isZero();
        assertThat(mx.count(DnsSection.AUTHORITY)).isEqualTo(1);
    }

    @Test
    void namesOutsideTheZoneAndAnUnconfiguredClusterAreRefused() {
        DnsResponse outside = ask(threeNodes, "example.com.", DnsRecordType.A, true);
        assertThat(outside.code()).isEqualTo(DnsResponseCode.REFUSED);
        assertThat(outside.isAuthoritativeAnswer()).isFalse();
        assertThat(ask(threeNodes, "www.google.com.", DnsRecordType.A, true).code()).isEqualTo(DnsResponseCode.REFUSED);
        assertThat(ask(new DnsAnswerer(() -> DnsSnapshot.UNCONFIGURED), "vpn.example.com.", DnsRecordType.A, true).code())
                .isEqualTo(DnsResponseCode.REFUSED);
    }

    @Test
    void otherOpcodesAndSeveralQuestionsAreRefusedAsTheRfcSays() {
        DnsQuery notify = new DefaultDnsQuery(7, DnsOpCode.NOTIFY);
        notify.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion("vpn.example.com.", DnsRecordType.SOA));
        DnsResponse r = new DefaultDnsResponse(7);
        threeNodes.answer(notify, r, true);
        assertThat(r.code()).isEqualTo(DnsResponseCode.NOTIMP);

        DnsQuery two = new DefaultDnsQuery(8);
        two.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion("vpn.example.com.", DnsRecordType.A));
        two.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion("vpn.example.com.", DnsRecordType.AAAA));
        DnsResponse r2 = new DefaultDnsResponse(8);
        threeNodes.answer(two, r2, true);
        assertThat(r2.code()).isEqualTo(DnsResponseCode.FORMERR);
    }

    @Test
    void aReplyTooLargeForUdpIsTruncatedAndCompleteOverTcp() {
        DnsAnswerer forty = new DnsAnswerer(() -> snapshot(40, 40));
        DnsResponse udp = ask(forty, "vpn.example.com.", DnsRecordType.NS, true);
        assertThat(udp.isTruncated()).isTrue();
        assertThat(udp.count(DnsSection.ANSWER)).isZero();

        DnsQuery edns = query("vpn.example.com.", DnsRecordType.NS);
        edns.addRecord(DnsSection.ADDITIONAL, new DefaultDnsRawRecord("", DnsRecordType.OPT, 4096, 0, Unpooled.EMPTY_BUFFER));
        DnsResponse bigger = new DefaultDnsResponse(1);
        forty.answer(edns, bigger, true);
        assertThat(bigger.isTruncated()).as("40 NS with glue exceed even %s octets", DnsAnswerer.MAX_UDP_PAYLOAD).isTrue();

        DnsResponse tcp = ask(forty, "vpn.example.com.", DnsRecordType.NS, false);
        assertThat(tcp.isTruncated()).isFalse();
        assertThat(tcp.count(DnsSection.ANSWER)).isEqualTo(40);
        assertThat(tcp.count(DnsSection.ADDITIONAL)).isEqualTo(40);

        DnsResponse small = ask(forty, "vpn.example.com.", DnsRecordType.A, true);
        assertThat(small.isTruncated()).as("eight A records fit in 512 octets").isFalse();
        assertThat(small.count(DnsSection.ANSWER)).isEqualTo(8);
    }

    private static DnsQuery query(String name, DnsRecordType type) {
        DnsQuery q = new DefaultDnsQuery(1);
        q.setRecursionDesired(true);
        q.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(name, type));
        return q;
    }

    static DnsResponse ask(DnsAnswerer answerer, String name, DnsRecordType type, boolean udp) {
        DnsResponse r = new DefaultDnsResponse(1);
        answerer.answer(query(name, type), r, udp);
        return r;
    }

    static List<String> addresses(DnsResponse r) {
        return IntStream.range(0, r.count(DnsSection.ANSWER))
                .mapToObj(i -> {
                    try {
                        return InetAddress.getByAddress(content(r.recordAt(DnsSection.ANSWER, i))).getHostAddress();
                    } catch (java.net.UnknownHostException e) {
                        throw new AssertionError(e);
                    }
                }).toList();
    }

    static byte[] content(DnsRecord r) {
        return ByteBufUtil.getBytes(((DnsRawRecord) r).content());
    }
}
