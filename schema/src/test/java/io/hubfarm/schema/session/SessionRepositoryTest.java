package io.hubfarm.schema.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.NotFoundException;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cluster-wide session registry: one row per live session, written only by the node holding it. */
class SessionRepositoryTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    final SessionRepository sessions = new SessionRepository(db.jdbi());
    final HubRepository hubs = new HubRepository(db.jdbi());

    private Hub hub(String name) {
        return hubs.create(NewHub.of(name, HubType.STATIC));
    }

    private static NewSession session(Hub hub, long nodeId, String name, String user) {
        return new NewSession(hub.id(), nodeId, name, user, "192.0.2.10", "laptop.example", "SoftEther", 1);
    }

    @Test
    void anOpenedSessionIsListedWithItsHubAndNodeNames() {
        Hub hub = hub("OPENED");
        long node = Fixtures.node(db.jdbi(), "sr-open").id();
        long id = sessions.open(new NewSession(hub.id(), node, "SID-ALICE-1", "alice", "192.0.2.1", "pc1", "SoftEther", 2));

        SessionRow row = sessions.find("opened", "sid-alice-1").orElseThrow();
        assertThat(row.id()).isEqualTo(id);
        assertThat(row.hubName()).isEqualTo("OPENED");
        assertThat(row.nodeName()).isEqualTo("sr-open");
        assertThat(row.sessionName()).isEqualTo("SID-ALICE-1");
        assertThat(row.userName()).isEqualTo("alice");
        assertThat(row.clientAddress()).isEqualTo("192.0.2.1");
        assertThat(row.clientHost()).isEqualTo("pc1");
        assertThat(row.protocol()).isEqualTo("SoftEther");
        assertThat(row.tcpConnections()).isEqualTo(2);
        assertThat(row.bytesIn()).isZero();
        assertThat(row.startedAt()).isNotNull();
        assertThat(sessions.list("OPENED")).extracting(SessionRow::id).containsExactly(id);
        assertThat(sessions.list()).extracting(SessionRow::id).contains(id);
    }

    @Test
    void aSessionNameIsUniqueOnItsHubWithoutRegardToCase() {
        Hub first = hub("UNIQUE1");
        Hub second = hub("UNIQUE2");
        long node = Fixtures.node(db.jdbi(), "sr-unique").id();
        sessions.open(session(first, node, "SID-BOB-1", "bob"));
        assertThatThrownBy(() -> sessions.open(session(first, node, "sid-bob-1", "bob")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already exists");
        sessions.open(session(second, node, "SID-BOB-1", "bob"));
        assertThat(sessions.countForHub("UNIQUE1")).isEqualTo(1);
        assertThat(sessions.countForHub("UNIQUE2")).isEqualTo(1);
    }

    @Test
    void trafficOfManySessionsIsWrittenInOneBatch() {
        Hub hub = hub("TRAFFIC");
        long node = Fixtures.node(db.jdbi(), "sr-traffic").id();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(sessions.open(session(hub, node, "SID-T-" + i, "u" + i)));
        }
        SessionRow before = sessions.find("TRAFFIC", "SID-T-0").orElseThrow();
        List<SessionTraffic> batch = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            batch.add(new SessionTraffic(ids.get(i), 1_000L * i, 5_000_000_000L + i, 1 + i % 4));
        }
        // updated_at is NOW(3): waiting for the clock to move makes "later" observable at millisecond precision.
        awaitDatabaseClockAfter(before.updatedAt());
        sessions.updateTraffic(batch);

        for (SessionRow r : sessions.list("TRAFFIC")) {
            int i = Integer.parseInt(r.sessionName().substring("SID-T-".length()));
            assertThat(r.bytesIn()).as(r.sessionName()).isEqualTo(1_000L * i);
            assertThat(r.bytesOut()).as("a counter beyond 32 bits").isEqualTo(5_000_000_000L + i);
            assertThat(r.tcpConnections()).isEqualTo(1 + i % 4);
            assertThat(r.updatedAt()).isAfter(before.updatedAt());
        }
        assertThat(sessions.find("TRAFFIC", "SID-T-0").orElseThrow().startedAt()).isEqualTo(before.startedAt());
        sessions.updateTraffic(List.of());
    }

    @Test
    void aClosedSessionIsGoneAndClosingTwiceSaysSo() {
        Hub hub = hub("CLOSING");
        long node = Fixtures.node(db.jdbi(), "sr-close").id();
        long id = sessions.open(session(hub, node, "SID-C-1", "carol"));
        assertThat(sessions.close(id)).isTrue();
        assertThat(sessions.find("CLOSING", "SID-C-1")).isEmpty();
        assertThat(sessions.close(id)).isFalse();
    }

    @Test
    void aRestartingNodeClearsOnlyItsOwnRows() {
        Hub hub = hub("RESTART");
        long crashed = Fixtures.node(db.jdbi(), "sr-crashed").id();
        long other = Fixtures.node(db.jdbi(), "sr-other").id();
        sessions.open(session(hub, crashed, "SID-R-1", "a"));
        sessions.open(session(hub, crashed, "SID-R-2", "b"));
        sessions.open(session(hub, other, "SID-R-3", "c"));

        assertThat(sessions.closeAllOfNode(crashed)).isEqualTo(2);
        assertThat(sessions.list("RESTART")).extracting(SessionRow::sessionName).containsExactly("SID-R-3");
        assertThat(sessions.closeAllOfNode(crashed)).isZero();
    }

    @Test
    void deletingAHubDeletesItsSessions() {
        Hub doomed = hub("DOOMED");
        Hub kept = hub("KEPT");
        long node = Fixtures.node(db.jdbi(), "sr-cascade").id();
        sessions.open(session(doomed, node, "SID-D-1", "d"));
        sessions.open(session(kept, node, "SID-K-1", "k"));

        hubs.delete("DOOMED");

        int left = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE hub_id = :hub")
                .bind("hub", doomed.id()).mapTo(Integer.class).one());
        assertThat(left).as("the foreign key cascades").isZero();
        assertThat(sessions.list("KEPT")).hasSize(1);
        assertThatThrownBy(() -> sessions.list("DOOMED"))
                .isInstanceOf(NotFoundException.class).hasMessage("hub 'DOOMED' does not exist");
    }

    @Test
    void countsPerHubComeFromOneQuery() {
        Hub busy = hub("BUSY");
        Hub idle = hub("IDLE");
        long node = Fixtures.node(db.jdbi(), "sr-count").id();
        sessions.open(session(busy, node, "SID-B-1", "x"));
        sessions.open(session(busy, node, "SID-B-2", "x"));

        assertThat(sessions.countByHub()).containsEntry(busy.id(), 2).doesNotContainKey(idle.id());
        assertThat(sessions.countForHub("idle")).isZero();
        assertThat(sessions.countForUser(busy.id(), "x")).isEqualTo(2);
        assertThatThrownBy(() -> sessions.countForHub("NOPE")).isInstanceOf(NotFoundException.class);
    }

    private static void awaitDatabaseClockAfter(Instant instant) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!db.jdbi().withHandle(h -> h.createQuery("SELECT NOW(3) > :t")
                .bind("t", LocalDateTime.ofInstant(instant, ZoneOffset.UTC)).mapTo(Boolean.class).one())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the database clock did not pass " + instant);
            }
            Thread.onSpinWait();
        }
    }
}
