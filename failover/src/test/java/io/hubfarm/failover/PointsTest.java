package io.hubfarm.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PointsTest {
    @Test
    void anEmptyNodeScoresTheMaximum() {
        assertThat(Points.of(0, 4096, 100)).isEqualTo(100_000);
        assertThat(Points.of(0, 1, 1)).isEqualTo(100_000);
    }

    @Test
    void matchesTheManualsFormulaWithItsDefaults() {
        // (4096 - 1*100/100) * 100000 / 4096 = 99975.59 -> 99975
        assertThat(Points.of(1, 4096, 100)).isEqualTo(99_975);
        // (4096 - 2048) * 100000 / 4096 = 50000 exactly
        assertThat(Points.of(2048, 4096, 100)).isEqualTo(50_000);
        assertThat(Points.of(4095, 4096, 100)).isEqualTo(24);
    }

    @Test
    void matchesWhatTheRealServerShowedWithItsSessionCap() {
        // spec 8.1: M = 100000 in SoftEther 5.01, one session at weight 100 -> 99999
        assertThat(Points.of(1, 100_000, 100)).isEqualTo(99_999);
    }

    @Test
    void doesNotTruncateSessionsPerWeightBeforeScaling() {
        // 1*100/200 = 0.5 sessions of load: (4096 - 0.5) * 100000 / 4096 = 99987.79
        assertThat(Points.of(1, 4096, 200)).isEqualTo(99_987);
        assertThat(Points.of(1, 4096, 200)).isLessThan(Points.of(0, 4096, 200));
    }

    @Test
    void theSameSessionsPerWeightScoreTheSame() {
        assertThat(Points.of(2, 4096, 200)).isEqualTo(Points.of(1, 4096, 100));
        assertThat(Points.of(30, 4096, 300)).isEqualTo(Points.of(10, 4096, 100));
    }

    @Test
    void aWeightOfZeroIsTheStandardRatio() {
        assertThat(Points.of(7, 4096, 0)).isEqualTo(Points.of(7, 4096, 100));
    }

    @Test
    void bottomsOutAtZeroOnceSessionsPerWeightReachTheLimit() {
        // weight 50: 50 sessions already count as 100 of 100
        assertThat(Points.of(50, 100, 50)).isZero();
        assertThat(Points.of(99, 100, 50)).isZero();
        assertThat(Points.of(4096, 4096, 100)).isZero();
        assertThat(Points.of(5000, 4096, 100)).isZero();
    }

    @Test
    void aNodeIsFullAtItsLimit() {
        assertThat(Points.isFull(4095, 4096)).isFalse();
        assertThat(Points.isFull(4096, 4096)).isTrue();
        assertThat(Points.isFull(5000, 4096)).isTrue();
    }

    @Test
    void equalsTheExactFormulaRoundedDownForAnyInputWithoutOverflow() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            int max = i % 3 == 0 ? Integer.MAX_VALUE - random.nextInt(10) : 1 + random.nextInt(200_000);
            int weight = i % 5 == 0 ? Points.MAX_WEIGHT : random.nextInt(Points.MAX_WEIGHT + 1);
            int sessions = i % 7 == 0 ? Integer.MAX_VALUE : random.nextInt(Math.min(max, 1 << 30) + 1);
            assertThat(Points.of(sessions, max, weight)).as("S=%d M=%d W=%d", sessions, max, weight)
                    .isEqualTo(exact(sessions, max, weight));
        }
    }

    /** floor((M - min(S*100/W, M)) * 100000 / M) in rationals. */
    private static int exact(int s, int m, int w) {
        BigInteger weight = BigInteger.valueOf(w == 0 ? 100 : w);
        BigInteger capacity = BigInteger.valueOf(m).multiply(weight);
        BigInteger used = BigInteger.valueOf(s).multiply(BigInteger.valueOf(100)).min(capacity);
        return capacity.subtract(used).multiply(BigInteger.valueOf(100_000)).divide(capacity).intValueExact();
    }

    @Test
    void refusesImpossibleInputs() {
        assertThatThrownBy(() -> Points.of(-1, 4096, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sessions");
        assertThatThrownBy(() -> Points.of(0, 0, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max sessions");
        assertThatThrownBy(() -> Points.of(0, 4096, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight");
        assertThatThrownBy(() -> Points.of(0, 4096, 10_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight");
    }
}
