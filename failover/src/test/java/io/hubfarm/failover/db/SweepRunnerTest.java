package io.hubfarm.failover.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.failover.Liveness;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.cluster.NodeState;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.hub.Placement;
import io.hubfarm.schema.hub.PlacementRepository;
import io.hubfarm.schema.session.NewSession;
import io.hubfarm.schema.session.NewTicket;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.session.TicketRepository;
import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The controller's sweep against a real database: what it writes, and that a stale epoch writes nothing. */
class SweepRunnerTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final Duration SETTLED = Duration.ofMinutes(1);

    NodeRepository nodes;
    PlacementRepository placements;
    SessionRepository sessions;
    TicketRepository tickets;
    ControllerLeaseRepository lease;
    SweepRunner runner;

    @BeforeEach
    void clean() {
        db.jdbi().useHandle(h -> {
            h.execute("DELETE FROM hub_placements");
            h.execute("DELETE FROM redirect_tickets");
            h.execute("DELETE FROM sessions");
            h.execute("UPDATE controller_lease SET holder_id = NULL, expires_at = NOW(3)");
        });
        nodes = new NodeRepository(db.jdbi());
        placements = new PlacementRepository(db.jdbi());
        sessions = new SessionRepository(db.jdbi());
        tickets = new TicketRepository(db.jdbi());
        lease = new ControllerLeaseRepository(db.jdbi());
        runner = new SweepRunner(nodes, placements, sessions, tickets, Liveness.defaults(), Duration.ofSeconds(60));
    }

    @Test
    void declaresAnOverdueNodeDeadAndReclaimsEverythingItHeld() {
        NodeRow controller = node("sw-ctl");
        NodeRow victim = node("sw-victim");
        Hub dynamic = hub(HubType.DYNAMIC);
        placements.claim(dynamic.id(), victim.id(), victim.incarnation());
        sessions.open(new NewSession(dynamic.id(), victim.id(), "SID-A-1", "a", "10.0.0.1", "", "SoftEther", 1));
        tickets.issue(ticket(dynamic, victim, controller));
        age(victim, Duration.ofSeconds(10));
        long epoch = lease.tryAcquire(controller.id(), Duration.ofSeconds(30)).orElseThrow();

        runner.run(epoch, SETTLED);

        assertThat(state(victim)).isEqualTo(NodeState.DEAD);
        assertThat(state(controller)).isEqualTo(NodeState.ONLINE);
        assertThat(placements.find(dynamic.id())).isEmpty();
        assertThat(sessions.countForHub(dynamic.name())).isZero();
        assertThat(count("redirect_tickets")).isZero();
        assertThat(nodes.find("sw-ctl").orElseThrow().points()).isEqualTo(100_000);
        assertThat(nodes.find("sw-victim").orElseThrow().points()).isZero();
    }

    @Test
    void aNewControllerJudgesNoHeartbeatDuringItsFirstDeadAfter() {
        NodeRow controller = node("sw-new");
        NodeRow quiet = node("sw-quiet");
        Hub dynamic = hub(HubType.DYNAMIC);
        placements.claim(dynamic.id(), quiet.id(), quiet.incarnation());
        age(quiet, Duration.ofSeconds(10));
        long epoch = lease.tryAcquire(controller.id(), Duration.ofSeconds(30)).orElseThrow();

        runner.run(epoch, Duration.ofSeconds(1));

        assertThat(state(quiet)).as("it may have been cut off with the old controller").isEqualTo(NodeState.ONLINE);
        assertThat(placements.find(dynamic.id())).isPresent();
        runner.run(epoch, SETTLED);
        assertThat(state(quiet)).isEqualTo(NodeState.DEAD);
        assertThat(placements.find(dynamic.id())).isEmpty();
    }

    @Test
    void aDeposedControllerWritesNothing() {
        NodeRow controller = node("sw-old");
        NodeRow other = node("sw-other");
        NodeRow overdue = node("sw-overdue");
        long oldEpoch = lease.tryAcquire(controller.id(), Duration.ofSeconds(30)).orElseThrow();
        lease.release(controller.id(), oldEpoch);
        lease.tryAcquire(other.id(), Duration.ofSeconds(30)).orElseThrow();
        age(overdue, Duration.ofSeconds(10));

        runner.run(oldEpoch, SETTLED);

        assertThat(state(overdue)).isEqualTo(NodeState.ONLINE);
    }

    @Test
    void releasesAnEmptyHubOnlyPastTheGraceAndWithoutSessions() {
        NodeRow holder = node("sw-holder");
        Hub longEmpty = hub(HubType.DYNAMIC);
        Hub justEmptied = hub(HubType.DYNAMIC);
        Hub staleButRegistered = hub(HubType.DYNAMIC);
        Hub occupied = hub(HubType.DYNAMIC);
        for (Hub h : new Hub[] {longEmpty, justEmptied, staleButRegistered, occupied}) {
            placements.claim(h.id(), holder.id(), holder.incarnation());
        }
        placements.reportOccupancy(holder.id(), holder.incarnation(), java.util.List.of(occupied.id()));
        emptySince(longEmpty, Duration.ofSeconds(120));
        emptySince(staleButRegistered, Duration.ofSeconds(120));
        sessions.open(new NewSession(staleButRegistered.id(), holder.id(), "SID-B-1", "b", "10.0.0.2", "", "SoftEther", 1));
        long epoch = lease.tryAcquire(holder.id(), Duration.ofSeconds(30)).orElseThrow();

        runner.run(epoch, SETTLED);

        assertThat(placements.find(longEmpty.id())).isEmpty();
        assertThat(placements.find(justEmptied.id())).isPresent();
        assertThat(placements.find(staleButRegistered.id())).isPresent();
        assertThat(placements.find(occupied.id())).isPresent();
    }

    @Test
    void aHolderThatHeartbeatSinceItWasJudgedKeepsItsHub() {
        NodeRow holder = node("sw-back");
        NodeRow entry = node("sw-claimer");
        Hub dynamic = hub(HubType.DYNAMIC);
        Placement held = placements.claim(dynamic.id(), holder.id(), holder.incarnation());
        long epoch = lease.tryAcquire(entry.id(), Duration.ofSeconds(30)).orElseThrow();
        Duration deadAfter = Duration.ofSeconds(5);

        // Whoever read the holder as dead is too late: it has a fresh heartbeat now.
        assertThat(placements.releaseFromHolder(dynamic.id(), holder.id(), holder.incarnation(), deadAfter, epoch))
                .isFalse();
        Placement after = placements.claimReplacing(dynamic.id(), entry.id(), entry.incarnation(), Optional.of(held),
                deadAfter);
        assertThat(after.nodeId()).isEqualTo(holder.id());

        age(holder, Duration.ofSeconds(10));
        Placement taken = placements.claimReplacing(dynamic.id(), entry.id(), entry.incarnation(), Optional.of(held),
                deadAfter);
        assertThat(taken.nodeId()).isEqualTo(entry.id());
        assertThat(taken.claimedByCaller()).isTrue();
    }

    @Test
    void theViewCountsSessionsOnTheirWay() {
        NodeRow entry = node("sw-entry");
        NodeRow target = node("sw-target");
        Hub hub = hub(HubType.STATIC);
        tickets.issue(ticket(hub, target, entry));
        tickets.issue(ticket(hub, target, entry));
        sessions.open(new NewSession(hub.id(), target.id(), "SID-C-" + UUID.randomUUID(), "c", "10.0.0.3", "", "SoftEther", 1));

        assertThat(nodes.view()).filteredOn(v -> v.row().id() == target.id()).singleElement()
                .satisfies(v -> assertThat(v.onTheirWay()).isEqualTo(3));
        assertThat(nodes.view()).filteredOn(v -> v.row().id() == entry.id()).singleElement()
                .satisfies(v -> assertThat(v.onTheirWay()).isZero());
    }

    private NodeRow node(String name) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE nodes SET state = 'OFFLINE' WHERE name = :n").bind("n", name).execute());
        return Fixtures.node(db.jdbi(), name);
    }

    private Hub hub(HubType type) {
        return new HubRepository(db.jdbi()).create(NewHub.of("SW" + UUID.randomUUID().toString().substring(0, 8), type));
    }

    private NewTicket ticket(Hub hub, NodeRow target, NodeRow issuer) {
        byte[] t = new byte[20];
        new java.security.SecureRandom().nextBytes(t);
        return new NewTicket(t, hub.id(), "u", "u", "", "SID-U-" + UUID.randomUUID(), target.id(), issuer.id(),
                Duration.ofSeconds(60));
    }

    private void age(NodeRow n, Duration by) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE nodes SET last_heartbeat = NOW(3) - INTERVAL :s SECOND WHERE id = :id")
                .bind("s", by.toSeconds()).bind("id", n.id()).execute());
    }

    private void emptySince(Hub hub, Duration ago) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE hub_placements SET empty_since = NOW(3) - INTERVAL :s SECOND WHERE hub_id = :id")
                .bind("s", ago.toSeconds()).bind("id", hub.id()).execute());
    }

    private NodeState state(NodeRow n) {
        return nodes.find(n.name()).orElseThrow().state();
    }

    private int count(String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }
}
