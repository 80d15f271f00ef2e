package io.hubfarm.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Full answers per client network over UDP: a burst, then the steady rate; loopback is not limited. */
class ResponseRateLimitTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final ResponseRateLimit limit = new ResponseRateLimit(now::get);

    @Test
    void aNetworkGetsItsBurstThenTheSteadyRate() {
        InetAddress victim = InetAddress.ofLiteral("198.51.100.7");
        int allowed = 0;
        for (int i = 0; i < 1000; i++) {
            allowed += limit.allow(victim) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(ResponseRateLimit.BURST);
        assertThat(limit.allow(InetAddress.ofLiteral("198.51.100.200"))).as("the same /24").isFalse();
        assertThat(limit.allow(InetAddress.ofLiteral("198.51.101.7"))).as("another network").isTrue();

        now.addAndGet(1_000_000_000L);
        int second = 0;
        for (int i = 0; i < 1000; i++) {
            second += limit.allow(victim) ? 1 : 0;
        }
        assertThat(second).isEqualTo(ResponseRateLimit.PER_SECOND);
    }

    @Test
    void ipv6ClientsShareTheirSlash56AndLoopbackIsFree() {
        InetAddress a = InetAddress.ofLiteral("2001:db8:0:1::1");
        for (int i = 0; i < ResponseRateLimit.BURST; i++) {
            assertThat(limit.allow(a)).isTrue();
        }
        assertThat(limit.allow(InetAddress.ofLiteral("2001:db8:0:ff::2"))).as("the same /56").isFalse();
        assertThat(limit.allow(InetAddress.ofLiteral("2001:db8:0:100::2"))).as("the next /56").isTrue();
        for (int i = 0; i < 10_000; i++) {
            assertThat(limit.allow(InetAddress.getLoopbackAddress())).isTrue();
        }
    }
}
