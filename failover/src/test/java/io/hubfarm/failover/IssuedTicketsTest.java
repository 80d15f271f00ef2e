package io.hubfarm.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IssuedTicketsTest {
    private final ManualClock clock = new ManualClock();
    private final IssuedTickets tickets = new IssuedTickets(clock, Duration.ofSeconds(3), 1_000);

    @Test
    void countsSessionsBeingSentToEachNodeFromTheDecision() {
        tickets.sending(1);
        tickets.sending(1).written();
        tickets.sending(2);

        assertThat(tickets.pendingFor(1)).isEqualTo(2);
        assertThat(tickets.pendingFor(2)).isEqualTo(1);
        assertThat(tickets.pendingFor(3)).isZero();
    }

    @Test
    void eachCountsForTheWindowOnly() {
        tickets.sending(1).written();
        clock.advanceMillis(2_000);
        tickets.sending(1);

        clock.advanceMillis(999);
        assertThat(tickets.pendingFor(1)).isEqualTo(2);
        clock.advanceMillis(1);
        assertThat(tickets.pendingFor(1)).isEqualTo(1);
        clock.advanceMillis(2_000);
        assertThat(tickets.pendingFor(1)).isZero();
    }

    @Test
    void aViewReadDropsWhatWasWrittenBeforeItBegan() {
        tickets.sending(1).written();
        clock.advanceMillis(10);
        long readStarted = clock.nanoTime();
        tickets.sending(1).written(); // written as the read began: it may or may not be in the view, so it stays
        clock.advanceMillis(10);
        tickets.sending(2).written(); // written while the read ran
        clock.advanceMillis(10);

        tickets.viewRead(readStarted);

        assertThat(tickets.pendingFor(1)).isEqualTo(1);
        assertThat(tickets.pendingFor(2)).isEqualTo(1);
        tickets.viewRead(clock.nanoTime());
        assertThat(tickets.pendingFor(1)).isZero();
        assertThat(tickets.pendingFor(2)).isZero();
    }

    @Test
    void aDecisionNotYetWrittenSurvivesEveryViewRead() {
        IssuedTickets.Sending slow = tickets.sending(1);
        clock.advanceMillis(10);

        tickets.viewRead(clock.nanoTime()); // no view can show a ticket that is not stored yet
        assertThat(tickets.pendingFor(1)).isEqualTo(1);

        slow.written();
        clock.advanceMillis(1);
        tickets.viewRead(clock.nanoTime());
        assertThat(tickets.pendingFor(1)).isZero();
    }

    @Test
    void aWithdrawnDecisionStopsCountingButAWrittenOneCannotBeWithdrawn() {
        IssuedTickets.Sending failed = tickets.sending(1);
        IssuedTickets.Sending sent = tickets.sending(1);
        sent.written();

        failed.withdrawn();
        sent.withdrawn();
        failed.written(); // too late: it was withdrawn

        assertThat(tickets.pendingFor(1)).isEqualTo(1);
        failed.withdrawn();
        assertThat(tickets.pendingFor(1)).isEqualTo(1);
    }

    @Test
    void remembersAtMostItsBoundForgettingTheOldestFirst() {
        IssuedTickets small = new IssuedTickets(clock, Duration.ofSeconds(3), 3);
        IssuedTickets.Sending oldest = small.sending(1);
        small.sending(2);
        small.sending(2);
        small.sending(3);

        assertThat(small.pendingFor(1)).isZero();
        assertThat(small.pendingFor(2)).isEqualTo(2);
        assertThat(small.pendingFor(3)).isEqualTo(1);
        oldest.withdrawn(); // already forgotten: changes nothing
        oldest.written();
        assertThat(small.pendingFor(1)).isZero();
    }

    @Test
    void refusesAnEmptyWindowOrBound() {
        assertThatThrownBy(() -> new IssuedTickets(clock, Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IssuedTickets(clock, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
