package io.hubfarm.schema.hub;

import io.hubfarm.schema.Duplicates;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Dynamic-hub placements: at most one row per hub, claimed by the first writer. */
public final class PlacementRepository {
    private final Jdbi jdbi;

    public PlacementRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Claims the hub for a node. The hub's primary key makes the first insert win; every other
     * caller gets the winner's placement back, so two entry nodes can never place one hub twice.
     */
    public Placement claim(long hubId, long nodeId, long nodeIncarnation) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO hub_placements (hub_id, node_id, node_incarnation) VALUES (:hub, :node, :incarnation)""")
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

    public Optional<Placement> find(long hubId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT hub_id, node_id, node_incarnation FROM hub_placements WHERE hub_id = :hub")
                .bind("hub", hubId)
                .map((rs, ctx) -> new Placement(rs.getLong("hub_id"), rs.getLong("node_id"),
                        rs.getLong("node_incarnation"), false))
                .findOne());
    }

    /** Releases the placement if this node still holds it; true if it did. */
    public boolean release(long hubId, long nodeId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM hub_placements WHERE hub_id = :hub AND node_id = :node")
                .bind("hub", hubId).bind("node", nodeId).execute()) == 1;
    }
}
