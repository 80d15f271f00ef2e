package io.hubfarm.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    private static final long S = 1_000_000_000L;

    @Test
    void doublesTheWaitAfterEachFailureUpToTheCeilingAndResetsOnSuccess() {
        RetryBackoff b = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(b.due(0)).isTrue();

        b.failed(0);
        assertThat(b.due(S - 1)).isFalse();
        assertThat(b.due(S)).isTrue();
        b.failed(S);
        assertThat(b.delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.due(3 * S - 1)).isFalse();
        b.failed(3 * S);
        b.failed(7 * S);
        assertThat(b.delay()).as("capped").isEqualTo(Duration.ofSeconds(5));
        assertThat(b.due(12 * S - 1)).isFalse();
        assertThat(b.due(12 * S)).isTrue();

        b.succeeded();
        assertThat(b.due(12 * S)).isTrue();
        b.failed(12 * S);
        assertThat(b.delay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aCeilingBelowTheIntervalIsTheInterval() {
        RetryBackoff b = new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1));
        b.failed(0);
        b.failed(2 * S);
        assertThat(b.delay()).isEqualTo(Duration.ofSeconds(2));
    }
}
