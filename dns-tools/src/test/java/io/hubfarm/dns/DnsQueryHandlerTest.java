package io.hubfarm.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A UDP client over the rate limit gets truncated replies without records; its answers resume with time. */
class DnsQueryHandlerTest {
    private final AtomicLong now = new AtomicLong();
    private final EmbeddedChannel channel = new EmbeddedChannel(new DnsQueryHandler(
            new DnsAnswerer(() -> DnsAnswererTest.snapshot(3, 1)), new ResponseRateLimit(now::get)));
    private final InetSocketAddress server = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.53"), 53);
    private final InetSocketAddress client = new InetSocketAddress(InetAddress.ofLiteral("203.0.113.9"), 40000);

    @Test
    void aFloodFromOneNetworkIsAnsweredTruncatedAfterTheBurst() {
        int full = 0;
        int truncated = 0;
        for (int i = 0; i < ResponseRateLimit.BURST + 50; i++) {
            DatagramDnsResponse r = ask(i);
            assertThat(r.recipient()).isEqualTo(client);
            assertThat(r.id()).isEqualTo(i);
            if (r.isTruncated()) {
                truncated++;
                assertThat(r.count(DnsSection.ANSWER)).isZero();
                assertThat(r.count(DnsSection.QUESTION)).isEqualTo(1);
            } else {
                full++;
                assertThat(r.count(DnsSection.ANSWER)).isEqualTo(3);
            }
            r.release();
        }
        assertThat(full).isEqualTo(ResponseRateLimit.BURST);
        assertThat(truncated).isEqualTo(50);

        now.addAndGet(1_000_000_000L);
        DatagramDnsResponse later = ask(9999);
        assertThat(later.isTruncated()).isFalse();
        later.release();
    }

    private DatagramDnsResponse ask(int id) {
        DatagramDnsQuery query = new DatagramDnsQuery(client, server, id);
        query.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion("vpn.example.com.", DnsRecordType.A));
        channel.writeInbound(query);
        return channel.readOutbound();
    }
}
