package io.hubfarm.schema.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.schema.testing.Concurrently;
import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ControllerLeaseConcurrencyTest {
    private static final int NODES = 8;

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static ControllerLeaseRepository lease;
    static final List<Long> nodeIds = new ArrayList<>();

    @BeforeAll
    static void nodes() {
        lease = new ControllerLeaseRepository(db.jdbi());
        for (int i = 0; i < NODES; i++) {
            nodeIds.add(Fixtures.node(db.jdbi(), "lease-node-" + i).id());
        }
    }

    @Test
    void exactlyOneOfManyConcurrentAcquirersWinsEachTerm() throws Exception {
        long previousEpoch = lease.current().epoch();
        for (int round = 0; round < 10; round++) {
            List<OptionalLong> results = Concurrently.run(NODES,
                    i -> () -> lease.tryAcquire(nodeIds.get(i), Duration.ofSeconds(30)));

            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                if (results.get(i).isPresent()) {
                    winners.add(i);
                }
            }
            assertThat(winners).as("winners of round %d", round).hasSize(1);
            long winner = nodeIds.get(winners.getFirst());
            long epoch = results.get(winners.getFirst()).getAsLong();
            assertThat(epoch).isEqualTo(previousEpoch + 1);
            assertThat(lease.current().isHeldBy(winner)).isTrue();

            assertThat(lease.release(winner, epoch)).isTrue();
            previousEpoch = epoch;
        }
    }

    @Test
    void concurrentRenewalsByHolderAndAcquisitionsByOthersLeaveTheHolderInPlace() throws Exception {
        long holder = nodeIds.getFirst();
        OptionalLong acquired = lease.tryAcquire(holder, Duration.ofSeconds(30));
        assertThat(acquired).isPresent();
        long epoch = acquired.getAsLong();

        List<Boolean> results = Concurrently.run(NODES, i -> () -> i == 0
                ? lease.renew(holder, epoch, Duration.ofSeconds(30))
                : lease.tryAcquire(nodeIds.get(i), Duration.ofSeconds(30)).isPresent());

        assertThat(results.getFirst()).as("holder renewed").isTrue();
        assertThat(results.subList(1, NODES)).as("others acquired").containsOnly(false);
        assertThat(lease.current().epoch()).as("renewal keeps the epoch").isEqualTo(epoch);
        lease.release(holder, epoch);
    }

    @Test
    void anExpiredLeaseIsTakenOverOnceAndTheOldHolderIsFencedOff() throws Exception {
        long oldHolder = nodeIds.get(1);
        long oldEpoch = lease.tryAcquire(oldHolder, Duration.ofMillis(200)).orElseThrow();
        awaitExpiry();

        List<OptionalLong> results = Concurrently.run(NODES - 2,
                i -> () -> lease.tryAcquire(nodeIds.get(i + 2), Duration.ofSeconds(30)));

        assertThat(results.stream().filter(OptionalLong::isPresent).count()).isEqualTo(1);
        long newEpoch = results.stream().filter(OptionalLong::isPresent).findFirst().orElseThrow().getAsLong();
        assertThat(newEpoch).isEqualTo(oldEpoch + 1);
        assertThat(lease.renew(oldHolder, oldEpoch, Duration.ofSeconds(30))).as("stale holder renews").isFalse();
        assertThat(lease.release(oldHolder, oldEpoch)).as("stale holder releases").isFalse();
        Lease now = lease.current();
        lease.release(now.holderId().orElseThrow(), now.epoch());
    }

    private static void awaitExpiry() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!lease.current().remaining().isNegative()) {
            assertThat(Instant.now()).as("lease expiry by the database clock").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
