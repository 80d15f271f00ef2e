package io.hubfarm.schema.hub;

import io.hubfarm.schema.Duplicates;
import io.hubfarm.schema.cluster.LeaseFence;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Dynamic-hub placements: at most one row per hub, claimed by the first writer. The holder reports
 * whether its instance has sessions ({@code empty_since}); the controller removes placements whose
 * holder is gone or whose hub stayed empty past the grace period.
 */
public final class PlacementRepository {
    private static final String SELECT = "SELECT hub_id, node_id, node_incarnation FROM hub_placements";
    /**
     * Removes the placement {@code p} only if, by the database's clock now, its holder is gone: its
     * row deleted or taken over by a newer process, stopped, or silent for longer than
     * {@code :deadAfterUs}. A holder that heartbeat since whoever decided to remove it read its row
     * keeps the hub: it may be running it again.
     */
    private static final String HOLDER_IS_GONE = " " + """
             LEFT JOIN nodes holder ON holder.id = p.node_id
             WHERE p.hub_id = :hub AND p.node_id = :node AND p.node_incarnation = :incarnation
               AND (holder.id IS NULL OR holder.incarnation <> p.node_incarnation
                    OR holder.state NOT IN ('STARTING', 'ONLINE', 'DRAINING')
                    OR holder.last_heartbeat < NOW(3) - INTERVAL :deadAfterUs MICROSECOND)""";

    private final Jdbi jdbi;

    public PlacementRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Claims the hub for a node. The hub's primary key makes the first insert win; every other
     * caller gets the winner's placement back, so two entry nodes can never place one hub twice. A
     * fresh claim counts as empty until its holder reports a session, so a claim whose client never
     * arrives is released after the grace period.
     */
    public Placement claim(long hubId, long nodeId, long nodeIncarnation) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO hub_placements (hub_id, node_id, node_incarnation, empty_since)
                    VALUES (:hub, :node, :incarnation, NOW(3))""")
                    .bind("hub", hubId).bind("node", nodeId).bind("incarnation", nodeIncarnation).execute());
            return new Placement(hubId, nodeId, nodeIncarnation, true);
        } catch (UnableToExecuteStatementException e) {
            if (!Duplicates.isDuplicateKey(e)) {
                throw e;
            }
        }
        // The holder may have released it between our insert and this read: then try once more.
        return find(hubId).orElseGet(() -> claim(hubId, nodeId, nodeIncarnation));
    }

    /**
     * Claims the hub after removing {@code stale}, a placement whose holder looked dead or restarted,
     * but only if the row is still exactly that one (a claim another entry node made meanwhile wins)
     * and its holder is still gone by the database's clock ({@code deadAfter}): a holder that came back
     * keeps the hub, and its placement is returned.
     */
    public Placement claimReplacing(long hubId, long nodeId, long nodeIncarnation, Optional<Placement> stale,
                                    Duration deadAfter) {
        stale.ifPresent(old -> jdbi.useHandle(h -> h.createUpdate("DELETE p FROM hub_placements p" + HOLDER_IS_GONE)
                .bind("hub", old.hubId()).bind("node", old.nodeId()).bind("incarnation", old.nodeIncarnation())
                .bind("deadAfterUs", deadAfter.toNanos() / 1_000L)
                .execute()));
        return claim(hubId, nodeId, nodeIncarnation);
    }

    public Optional<Placement> find(long hubId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE hub_id = :hub")
                .bind("hub", hubId)
                .map((rs, ctx) -> new Placement(rs.getLong("hub_id"), rs.getLong("node_id"),
                        rs.getLong("node_incarnation"), false))
                .findOne());
    }

    /** The placements a node process holds. */
    public List<Placement> listHeldBy(long nodeId, long nodeIncarnation) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE node_id = :node AND node_incarnation = :incarnation")
                .bind("node", nodeId).bind("incarnation", nodeIncarnation)
                .map((rs, ctx) -> new Placement(rs.getLong("hub_id"), rs.getLong("node_id"),
                        rs.getLong("node_incarnation"), false))
                .list());
    }

    /**
     * The holder's report: which of its hubs have sessions. The others are marked empty from now
     * unless they already were, so {@code empty_since} is when the last session left.
     */
    public void reportOccupancy(long nodeId, long nodeIncarnation, Collection<Long> occupiedHubIds) {
        String occupied = occupiedHubIds.isEmpty() ? "-1"
                : String.join(",", occupiedHubIds.stream().map(String::valueOf).toList());
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE hub_placements SET empty_since = NULL WHERE node_id = :node"
                            + " AND node_incarnation = :incarnation AND empty_since IS NOT NULL AND hub_id IN (" + occupied + ")")
                    .bind("node", nodeId).bind("incarnation", nodeIncarnation).execute();
            h.createUpdate("UPDATE hub_placements SET empty_since = NOW(3) WHERE node_id = :node"
                            + " AND node_incarnation = :incarnation AND empty_since IS NULL AND hub_id NOT IN (" + occupied + ")")
                    .bind("node", nodeId).bind("incarnation", nodeIncarnation).execute();
        });
    }

    /** Every placement with the database's view of its emptiness, for the controller's sweep. */
    public List<PlacementState> listForSweep() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT p.hub_id, p.node_id, p.node_incarnation,
                       TIMESTAMPDIFF(MICROSECOND, p.empty_since, NOW(3)) AS empty_us,
                       (SELECT COUNT(*) FROM sessions s WHERE s.hub_id = p.hub_id) AS sessions
                FROM hub_placements p ORDER BY p.hub_id""")
                .map((rs, ctx) -> {
                    long emptyUs = rs.getLong("empty_us");
                    Optional<Duration> emptyFor = rs.wasNull() ? Optional.empty()
                            : Optional.of(Duration.ofNanos(Math.max(0, emptyUs) * 1_000L));
                    return new PlacementState(rs.getLong("hub_id"), rs.getLong("node_id"),
                            rs.getLong("node_incarnation"), emptyFor, rs.getInt("sessions"));
                }).list());
    }

    /**
     * The controller removes a placement whose holder is gone: conditional on its term, on the row
     * still naming that holder, and on the holder still being gone by the database's clock.
     */
    public boolean releaseFromHolder(long hubId, long nodeId, long nodeIncarnation, Duration deadAfter, long epoch) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE p FROM hub_placements p " + LeaseFence.JOIN + HOLDER_IS_GONE)
                .bind("hub", hubId).bind("node", nodeId).bind("incarnation", nodeIncarnation).bind("epoch", epoch)
                .bind("deadAfterUs", deadAfter.toNanos() / 1_000L)
                .execute()) == 1;
    }

    /**
     * The controller removes a placement whose hub has been empty longer than {@code grace}:
     * conditional on its term, on the row still naming that holder, still being empty past the
     * grace, and the hub having no session in the registry.
     */
    public boolean releaseEmpty(long hubId, long nodeId, long nodeIncarnation, Duration grace, long epoch) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE p FROM hub_placements p " + LeaseFence.JOIN + """
                 WHERE p.hub_id = :hub AND p.node_id = :node AND p.node_incarnation = :incarnation
                   AND p.empty_since < NOW(3) - INTERVAL :graceUs MICROSECOND
                   AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.hub_id = p.hub_id)""")
                .bind("hub", hubId).bind("node", nodeId).bind("incarnation", nodeIncarnation).bind("epoch", epoch)
                .bind("graceUs", grace.toNanos() / 1_000L)
                .execute()) == 1;
    }

    /** Releases the placement if this node still holds it; true if it did. */
    public boolean release(long hubId, long nodeId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM hub_placements WHERE hub_id = :hub AND node_id = :node")
                .bind("hub", hubId).bind("node", nodeId).execute()) == 1;
    }

    /** A stopping node gives up every placement of its process at once. */
    public int releaseAllHeldBy(long nodeId, long nodeIncarnation) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM hub_placements WHERE node_id = :node AND node_incarnation = :incarnation")
                .bind("node", nodeId).bind("incarnation", nodeIncarnation).execute());
    }
}
