package io.hubfarm.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.failover.ControllerLease.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ControllerLeaseTest {
    private static final long ME = 1;
    private static final long OTHER = 2;
    private static final LeaseTiming TIMING = LeaseTiming.defaults(); // ttl 6 s, renew 2 s, margin 1 s

    private final ManualClock clock = new ManualClock();
    private final FakeLeaseStore store = new FakeLeaseStore(clock);
    private final ControllerLease lease = new ControllerLease(ME, store, clock, TIMING);

    @Test
    void defaultsRenewAtAThirdOfTheTtl() {
        assertThat(TIMING.ttl()).isEqualTo(Duration.ofSeconds(6));
        assertThat(TIMING.renewEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThat(TIMING.actingWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(TIMING.tickEvery()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void timingThatWouldStepDownBeforeTheFirstRenewalIsRefused() {
        assertThatThrownBy(() -> new LeaseTiming(Duration.ofSeconds(6), Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than the ttl");
        assertThatThrownBy(() -> new LeaseTiming(Duration.ofSeconds(6), Duration.ofSeconds(2), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("safety margin");
    }

    @Test
    void takesAFreeLeaseAndActsWithItsEpoch() {
        assertThat(lease.isController()).isFalse();

        assertThat(lease.tick()).isEqualTo(Event.ACQUIRED);

        assertThat(lease.isController()).isTrue();
        assertThat(lease.epoch()).hasValue(1);
        assertThat(store.holder).isEqualTo(ME);
    }

    @Test
    void followsWhileAnotherNodeHoldsTheLeaseAndTakesItOnceExpired() {
        store.tryAcquire(OTHER, TIMING.ttl());

        assertThat(lease.tick()).isEqualTo(Event.FOLLOWING);
        clock.advance(Duration.ofMillis(5_900));
        assertThat(lease.tick()).isEqualTo(Event.FOLLOWING);
        assertThat(lease.isController()).isFalse();

        clock.advance(Duration.ofMillis(200)); // the other node's term has expired by the database clock
        assertThat(lease.tick()).isEqualTo(Event.ACQUIRED);
        assertThat(lease.epoch()).hasValue(2);
    }

    @Test
    void renewsEveryThirdOfTheTtlAndStaysControllerIndefinitely() {
        lease.tick();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 120; i++) { // a minute of ticks every 500 ms
            clock.advance(TIMING.tickEvery());
            events.add(lease.tick());
            assertThat(lease.epoch()).hasValue(1);
            assertThat(store.isHeldBy(ME, 1)).isTrue();
        }
        assertThat(events).containsOnly(Event.HOLDING, Event.RENEWED);
        assertThat(store.renewCalls).isEqualTo(30); // at 2 s, 4 s, ..., 60 s
        assertThat(store.acquireCalls).isEqualTo(1);
    }

    @Test
    void aHolderThatCannotRenewStepsDownBeforeTheLeaseCanExpire() {
        lease.tick();
        store.unreachable.add(ME);
        List<Event> events = new ArrayList<>();
        long stepDownAt = -1;
        for (int ms = 100; ms <= 8_000; ms += 100) {
            clock.advanceMillis(100);
            if (ms % 500 == 0) {
                events.add(lease.tick());
            }
            if (lease.isController()) {
                // Acting as controller is only ever safe while the database still holds our term.
                assertThat(store.isHeldBy(ME, 1)).as("at %d ms", ms).isTrue();
            } else if (stepDownAt < 0) {
                stepDownAt = ms;
            }
        }
        assertThat(stepDownAt).isEqualTo(5_000); // the last renewal began at 0, ttl 6 s, margin 1 s
        assertThat(events).contains(Event.RENEWAL_FAILED, Event.STEPPED_DOWN, Event.ACQUIRE_FAILED);
        assertThat(lease.lastStoreFailure()).get().extracting(Throwable::getMessage).asString()
                .contains("unreachable");
    }

    @Test
    void stepsDownByItsDeadlineEvenWhileARenewalHangs() {
        lease.tick(); // term begins at 0 s: the node may act until 5 s, the database holds it until 6 s
        clock.advance(Duration.ofSeconds(2));
        List<Boolean> controllerDuringCall = new ArrayList<>();
        store.onCall = () -> {
            // The renewal hangs for 4.1 s; meanwhile another thread asks whether we still lead.
            clock.advance(Duration.ofMillis(2_900));
            controllerDuringCall.add(lease.isController());
            clock.advance(Duration.ofMillis(200));
            controllerDuringCall.add(lease.isController());
            clock.advance(Duration.ofMillis(1_000));
        };

        // The renewal reaches the database at 6.1 s, after the term expired.
        assertThat(lease.tick()).isEqualTo(Event.LOST);
        assertThat(controllerDuringCall).containsExactly(true, false); // at 4.9 s and 5.1 s
        assertThat(lease.isController()).isFalse();
    }

    @Test
    void aRenewalWhoseAnswerComesTooLateDoesNotReviveTheTerm() {
        LeaseStore slowAnswers = new LeaseStore() {
            @Override
            public OptionalLong tryAcquire(long nodeId, Duration ttl) {
                return store.tryAcquire(nodeId, ttl);
            }

            @Override
            public boolean renew(long nodeId, long epoch, Duration ttl) {
                boolean ok = store.renew(nodeId, epoch, ttl); // runs at once ...
                clock.advance(Duration.ofMillis(5_500));      // ... but the answer takes 5.5 s
                return ok;
            }

            @Override
            public boolean release(long nodeId, long epoch) {
                return store.release(nodeId, epoch);
            }
        };
        ControllerLease slow = new ControllerLease(ME, slowAnswers, clock, TIMING);
        assertThat(slow.tick()).isEqualTo(Event.ACQUIRED);
        clock.advance(Duration.ofSeconds(2));

        // Renewal began at 2 s, so this node may act until 7 s; the answer arrives at 7.5 s.
        assertThat(slow.tick()).isEqualTo(Event.STEPPED_DOWN);
        assertThat(slow.isController()).isFalse();
    }

    @Test
    void aRefusedRenewalEndsTheTermAtOnce() {
        lease.tick();
        store.holder = OTHER; // say an operator cleared the row and another node took it
        store.epoch = 2;
        clock.advance(Duration.ofSeconds(2));

        assertThat(lease.tick()).isEqualTo(Event.LOST);
        assertThat(lease.isController()).isFalse();
        assertThat(lease.epoch()).isEmpty();
    }

    @Test
    void afterSteppingDownItTakesTheLeaseAgainWithANewEpochOnceTheOldTermExpired() {
        lease.tick();
        store.unreachable.add(ME);
        for (int i = 0; i < 10; i++) {
            clock.advance(TIMING.tickEvery());
            lease.tick();
        }
        assertThat(lease.isController()).isFalse();
        store.unreachable.clear();

        assertThat(lease.tick()).isEqualTo(Event.FOLLOWING); // 5 s: our own old term is still live
        clock.advance(Duration.ofMillis(1_100));
        assertThat(lease.tick()).isEqualTo(Event.ACQUIRED);
        assertThat(lease.epoch()).hasValue(2);
    }

    @Test
    void stopReleasesTheLeaseSoAnotherNodeTakesItAtOnce() {
        lease.tick();
        ControllerLease other = new ControllerLease(OTHER, store, clock, TIMING);
        assertThat(other.tick()).isEqualTo(Event.FOLLOWING);

        lease.stop();

        assertThat(lease.isController()).isFalse();
        assertThat(lease.tick()).isEqualTo(Event.STOPPED);
        assertThat(store.holder).isNull();
        assertThat(other.tick()).isEqualTo(Event.ACQUIRED);
        assertThat(other.epoch()).hasValue(2);
    }

    @Test
    void stopWithoutATermWritesNothingAndAStoppedLeaseNeverAcquires() {
        lease.stop();
        lease.stop();

        assertThat(lease.tick()).isEqualTo(Event.STOPPED);
        assertThat(store.releaseCalls).isZero();
        assertThat(store.acquireCalls).isZero();
    }

    @Test
    void aTermWonWhileStoppingIsGivenBack() {
        store.onCall = lease::stop; // stop() runs on another thread during the acquire

        assertThat(lease.tick()).isEqualTo(Event.STOPPED);

        assertThat(lease.isController()).isFalse();
        assertThat(store.holder).isNull();
    }

    @Test
    void aStoreThatThrowsOnAcquireLeavesTheNodeFollowing() {
        store.unreachable.add(ME);

        assertThat(lease.tick()).isEqualTo(Event.ACQUIRE_FAILED);
        assertThat(lease.isController()).isFalse();
        assertThat(lease.lastStoreFailure()).isPresent();
    }

    @Test
    void neverTwoControllersAndNeverOneWithoutTheDatabasesLease() {
        // Three nodes, random partitions from the database, and a database clock 10% faster than
        // the nodes' (the safety margin must cover it). Checked every 100 ms for 10 minutes.
        for (long seed = 1; seed <= 20; seed++) {
            ManualClock c = new ManualClock();
            FakeLeaseStore db = new FakeLeaseStore(c, 1.10);
            List<ControllerLease> nodes = new ArrayList<>();
            for (long id = 1; id <= 3; id++) {
                nodes.add(new ControllerLease(id, db, c, TIMING));
            }
            Random random = new Random(seed);
            long maxEpoch = 0;
            int terms = 0;
            for (int step = 0; step < 6_000; step++) {
                c.advanceMillis(100);
                if (step % 10 == 0) {
                    long id = 1 + random.nextInt(3);
                    if (!db.unreachable.remove(id) && random.nextInt(3) == 0) {
                        db.unreachable.add(id);
                    }
                }
                if (step % 5 == 0) {
                    for (ControllerLease n : nodes) {
                        if (n.tick() == Event.ACQUIRED) {
                            terms++;
                        }
                    }
                }
                int controllers = 0;
                for (int i = 0; i < nodes.size(); i++) {
                    if (nodes.get(i).isController()) {
                        controllers++;
                        long ep = nodes.get(i).epoch().orElseThrow();
                        assertThat(db.isHeldBy(i + 1, ep)).as("seed %d step %d node %d", seed, step, i + 1).isTrue();
                        assertThat(ep).isGreaterThanOrEqualTo(maxEpoch);
                        maxEpoch = ep;
                    }
                }
                assertThat(controllers).as("seed %d step %d", seed, step).isLessThanOrEqualTo(1);
            }
            assertThat(terms).as("partitions should move the lease around").isGreaterThan(3);
        }
    }
}
