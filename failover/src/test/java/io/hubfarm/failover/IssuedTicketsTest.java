package io.hubfarm.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IssuedTicketsTest {
    private final ManualClock clock = new ManualClock();
    private final IssuedTickets tickets = new IssuedTickets(clock, Duration.ofSeconds(3), 1_000);

    @Test
    void countsSessionsSentToEachNode() {
        tickets.record(1);
        tickets.record(1);
        tickets.record(2);

        assertThat(tickets.pendingFor(1)).isEqualTo(2);
        assertThat(tickets.pendingFor(2)).isEqualTo(1);
        assertThat(tickets.pendingFor(3)).isZero();
    }

    @Test
    void eachCountsForTheWindowOnly() {
        tickets.record(1);
        clock.advanceMillis(2_000);
        tickets.record(1);

        clock.advanceMillis(999);
        assertThat(tickets.pendingFor(1)).isEqualTo(2);
        clock.advanceMillis(1);
        assertThat(tickets.pendingFor(1)).isEqualTo(1);
        clock.advanceMillis(2_000);
        assertThat(tickets.pendingFor(1)).isZero();
    }

    @Test
    void aViewReadDropsWhatItAlreadyCounts() {
        tickets.record(1);
        clock.advanceMillis(10);
        long readStarted = clock.nanoTime();
        tickets.record(1); // recorded as the read began: it may or may not be in the view, so it stays
        clock.advanceMillis(10);
        tickets.record(2); // recorded while the read ran
        clock.advanceMillis(10);

        tickets.viewRead(readStarted);

        assertThat(tickets.pendingFor(1)).isEqualTo(1);
        assertThat(tickets.pendingFor(2)).isEqualTo(1);
        tickets.viewRead(clock.nanoTime());
        assertThat(tickets.pendingFor(1)).isZero();
        assertThat(tickets.pendingFor(2)).isZero();
    }

    @Test
    void remembersAtMostItsBoundForgettingTheOldestFirst() {
        IssuedTickets small = new IssuedTickets(clock, Duration.ofSeconds(3), 3);
        small.record(1);
        small.record(2);
        small.record(2);
        small.record(3);

        assertThat(small.pendingFor(1)).isZero();
        assertThat(small.pendingFor(2)).isEqualTo(2);
        assertThat(small.pendingFor(3)).isEqualTo(1);
    }

    @Test
    void refusesAnEmptyWindowOrBound() {
        assertThatThrownBy(() -> new IssuedTickets(clock, Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IssuedTickets(clock, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
