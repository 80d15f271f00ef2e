package io.hubfarm.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Parsing of ping and iperf3 output as the lab reads it. */
class TrafficOutputTest {
    @Test
    void aFullyAnsweredPingSucceeds() {
        PingResult ping = PingResult.parse("""
                PING 10.232.0.2 (10.232.0.2) 56(84) bytes of data.
                64 bytes from 10.232.0.2: icmp_seq=1 ttl=64 time=0.785 ms

                --- 10.232.0.2 ping statistics ---
                3 packets transmitted, 3 received, 0% packet loss, time 407ms
                rtt min/avg/max/mdev = 0.612/0.670/0.785/0.081 ms
                """);

        assertThat(ping.success()).isTrue();
        assertThat(ping.transmitted()).isEqualTo(3);
        assertThat(ping.lossPercent()).isZero();
    }

    @Test
    void lostEchoesAndErrorsAreCountedAsLoss() {
        PingResult ping = PingResult.parse("""
                --- 10.232.0.2 ping statistics ---
                5 packets transmitted, 2 received, +3 errors, 60% packet loss, time 4010ms
                """);

        assertThat(ping.success()).isFalse();
        assertThat(ping.received()).isEqualTo(2);
        assertThat(ping.lossPercent()).isEqualTo(60.0);
    }

    @Test
    void pingWithoutASummaryIsTotalLoss() {
        PingResult ping = PingResult.parse("ping: connect: Network is unreachable\n");

        assertThat(ping.success()).isFalse();
        assertThat(ping.lossPercent()).isEqualTo(100.0);
    }

    @Test
    void iperf3JsonGivesTheEndSummary() {
        Throughput t = Throughput.parseIperf3Json("""
                {"start": {"connected": [{"socket": 5}]},
                 "intervals": [{"sum": {"bytes": 1, "bits_per_second": 1.0}}],
                 "end": {
                   "streams": [{"sender": {"bytes": 812646400, "bits_per_second": 1.3e9}}],
                   "sum_sent": {"start": 0, "end": 5.000039, "seconds": 5.000039, "bytes": 815136768,
                                "bits_per_second": 1304206263.2, "retransmits": 18, "sender": true},
                   "sum_received": {"start": 0, "end": 5.0001, "seconds": 5.0001, "bytes": 811728896,
                                    "bits_per_second": 1298727447.5, "sender": true}
                 }}
                """);

        assertThat(t.sentBitsPerSecond()).isEqualTo(1304206263.2);
        assertThat(t.receivedBitsPerSecond()).isEqualTo(1298727447.5);
        assertThat(t.bytesReceived()).isEqualTo(811728896L);
        assertThat(t.retransmits()).isEqualTo(18);
    }

    @Test
    void iperf3FailureJsonIsReported() {
        assertThatThrownBy(() -> Throughput.parseIperf3Json("""
                {"start": {}, "intervals": [], "end": {}, "error": "unable to connect to server: Connection refused"}
                """)).isInstanceOf(LabException.class).hasMessageContaining("Connection refused");
    }

    @Test
    void aTransferIsCompleteOnlyWhenEveryByteArrivedIntact() {
        assertThat(new TransferResult(10, 10, true, Duration.ofMillis(5)).complete()).isTrue();
        assertThat(new TransferResult(10, 8, false, Duration.ofMillis(5)).complete()).isFalse();
        assertThat(new TransferResult(10, 10, false, Duration.ofMillis(5)).complete()).isFalse();
    }
}
