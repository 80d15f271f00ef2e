package io.hubfarm.node.protocol.softether;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SoftEtherTimeTest {
    @Test
    void isEpochMillisecondsLessNineHoursWithZeroForNever() {
        // vpncmd showed 2026-11-23 08:23 for 2026-11-22 23:23 UTC until the nine hours were taken off
        assertThat(SoftEtherTime.of(Instant.parse("2026-11-22T23:23:47Z")))
                .isEqualTo(Instant.parse("2026-11-22T14:23:47Z").toEpochMilli());
        assertThat(SoftEtherTime.of(null)).isZero();
        assertThat(SoftEtherTime.of(Instant.EPOCH)).isZero();
    }
}
