package io.hubfarm.node.protocol.softether.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Spec §6.2: the next keep-alive is due after a delay uniform in [timeout/5, timeout/2). */
class KeepAliveScheduleTest {

    private final KeepAliveSchedule schedule = new KeepAliveSchedule(new SplittableRandom(20_000));

    @Test
    void delaysForTheDefaultTimeoutStayWithinAFifthAndAHalf() {
        long[] delays = LongStream.range(0, 100_000).map(i -> schedule.nextDelayMillis(20_000)).toArray();

        assertThat(LongStream.of(delays).filter(delay -> delay < 4_000L || delay >= 10_000L)).isEmpty();
        // Both ends are reached and the draws are spread evenly, not piled on the lower bound.
        assertThat(LongStream.of(delays).min().orElseThrow()).isLessThan(4_010L);
        assertThat(LongStream.of(delays).max().orElseThrow()).isGreaterThan(9_990L);
        assertThat(LongStream.of(delays).average().orElseThrow()).isCloseTo(7_000.0, offset(30.0));
        assertThat(LongStream.of(delays).filter(delay -> delay == 4_000L).count()).isLessThan(100);
    }

    @Test
    void boundsFollowTheTimeout() {
        for (int timeout : new int[] {5_000, 60_000, 7}) {
            for (int i = 0; i < 10_000; i++) {
                assertThat(schedule.nextDelayMillis(timeout)).isGreaterThanOrEqualTo(timeout / 5).isLessThan(timeout / 2);
            }
        }
    }

    @Test
    void timeoutTooSmallForAnyDelayIsRejected() {
        assertThatThrownBy(() -> schedule.nextDelayMillis(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session timeout must be at least 2 ms, not 1");
        assertThatThrownBy(() -> schedule.nextDelayMillis(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
