package io.hubfarm.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.schema.cluster.NodeState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SelfFencingTest {
    private final ManualClock clock = new ManualClock();
    private final SelfFencing fencing = new SelfFencing(clock, Liveness.defaults()); // 5 s, margin 1 s

    @Test
    void isFencedUntilTheFirstConfirmedHeartbeat() {
        assertThat(fencing.isFenced()).isTrue();
        assertThat(fencing.remaining()).isEqualTo(Duration.ZERO);

        fencing.heartbeatConfirmed(clock.nanoTime());

        assertThat(fencing.isFenced()).isFalse();
        assertThat(fencing.remaining()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void fencesDeadAfterLessTheMarginAfterTheLastConfirmedHeartbeatBegan() {
        long began = clock.nanoTime();
        clock.advanceMillis(800); // the answer took 0.8 s
        fencing.heartbeatConfirmed(began);

        clock.advanceMillis(3_199);
        assertThat(fencing.isFenced()).isFalse();
        clock.advanceMillis(1);
        assertThat(fencing.isFenced()).isTrue();
    }

    @Test
    void eachConfirmedHeartbeatPushesTheFenceBackButALateOlderOneDoesNot() {
        fencing.heartbeatConfirmed(clock.nanoTime());
        clock.advanceMillis(1_000);
        long second = clock.nanoTime();
        clock.advanceMillis(1_000);
        fencing.heartbeatConfirmed(clock.nanoTime());
        fencing.heartbeatConfirmed(second); // a slow answer to an earlier heartbeat arrives last

        clock.advanceMillis(3_999);
        assertThat(fencing.isFenced()).isFalse();
        clock.advanceMillis(1);
        assertThat(fencing.isFenced()).isTrue();
    }

    @Test
    void aRowTakenOverByANewerIncarnationFencesAtOnce() {
        fencing.heartbeatConfirmed(clock.nanoTime());

        fencing.fenceNow();

        assertThat(fencing.isFenced()).isTrue();
        fencing.heartbeatConfirmed(clock.nanoTime()); // registered again, heartbeats confirmed
        assertThat(fencing.isFenced()).isFalse();
    }

    @Test
    void theNodeIsFencedBeforeTheDatabaseCanSeeItDead() {
        // Heartbeats every second, each taking up to 0.9 s to reach the database, then the network
        // to the database breaks. The node's clock runs 10% slower than the database's.
        Liveness liveness = Liveness.defaults();
        double dbRate = 1.10;
        long origin = clock.nanoTime();
        long lastWrittenDbNanos = 0;
        for (int beat = 0; beat < 5; beat++) {
            long began = clock.nanoTime();
            clock.advanceMillis(900);
            lastWrittenDbNanos = (long) ((clock.nanoTime() - origin) * dbRate); // the UPDATE's NOW(3)
            fencing.heartbeatConfirmed(began);
            clock.advanceMillis(100);
        }
        for (int ms = 0; ms < 10_000; ms += 10) {
            clock.advanceMillis(10);
            long dbNow = (long) ((clock.nanoTime() - origin) * dbRate);
            Duration age = Duration.ofNanos(dbNow - lastWrittenDbNanos);
            if (!liveness.isAlive(NodeState.ONLINE, age)) {
                assertThat(fencing.isFenced()).as("dead by the database clock after %s", age).isTrue();
            }
        }
        assertThat(fencing.isFenced()).isTrue();
    }

    @Test
    void refusesAMarginThatLeavesNoTimeToRun() {
        assertThatThrownBy(() -> new SelfFencing(clock, Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dead_after");
        assertThatThrownBy(() -> new SelfFencing(clock, Duration.ofSeconds(5), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
