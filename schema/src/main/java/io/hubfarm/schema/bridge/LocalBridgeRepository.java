package io.hubfarm.schema.bridge;

import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.DbTime;
import io.hubfarm.schema.Duplicates;
import io.hubfarm.schema.Names;
import io.hubfarm.schema.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The {@code local_bridges} table: operators define bridges for any node from any node, and each node
 * runs the definitions that name it and writes back their state and counters.
 */
public final class LocalBridgeRepository {
    /**
     * SoftEther names a TAP device {@code tap_<name>}; with Linux's 15-character limit that leaves 11
     * for the name, the same limit SoftEther's BridgeCreate enforces.
     */
    public static final String TAP_PREFIX = "tap_";
    public static final int MAX_TAP_NAME = 11;

    private static final String SELECT = """
            SELECT b.id, b.node_id, n.name AS node_name, b.hub_id, h.name AS hub_name, b.device, b.tap_mode, b.state,
                   b.error, b.frames_in, b.frames_out, b.oversize_dropped, b.queue_dropped, b.updated_at
            FROM local_bridges b JOIN nodes n ON n.id = b.node_id JOIN hubs h ON h.id = b.hub_id""";
    private static final int MAX_ERROR = 512;

    private final Jdbi jdbi;

    public LocalBridgeRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Defines a bridge. A dynamic hub is refused: its one instance may move between nodes, so it cannot
     * be tied to one node's adapter (SoftEther refuses it in a cluster too).
     *
     * @throws NotFoundException if the node or hub does not exist
     * @throws ConflictException if the hub is dynamic, or the node already bridges that device
     */
    public LocalBridge create(String nodeName, String hubName, String device, boolean tapMode) {
        Names.device(device);
        if (tapMode && device.length() > MAX_TAP_NAME) {
            throw new IllegalArgumentException("a TAP device name has at most " + MAX_TAP_NAME
                    + " characters (the node creates it as " + TAP_PREFIX + "<name>), not " + device.length());
        }
        try {
            long id = jdbi.inTransaction(h -> {
                long nodeId = h.createQuery("SELECT id FROM nodes WHERE name = :name").bind("name", nodeName)
                        .mapTo(Long.class).findOne()
                        .orElseThrow(() -> new NotFoundException("node '" + nodeName + "' does not exist"));
                Map.Entry<Long, String> hub = h.createQuery("SELECT id, hub_type FROM hubs WHERE name = :name")
                        .bind("name", hubName).map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("hub_type")))
                        .findOne().orElseThrow(() -> new NotFoundException("hub '" + hubName + "' does not exist"));
                if (!"STATIC".equals(hub.getValue())) {
                    throw new ConflictException("hub '" + hubName + "' is dynamic: its one instance may move between"
                            + " nodes, so it cannot be bridged to an adapter of one node; bridge a static hub");
                }
                return h.createUpdate("""
                        INSERT INTO local_bridges (node_id, hub_id, device, tap_mode) VALUES (:node, :hub, :device, :tap)""")
                        .bind("node", nodeId).bind("hub", hub.getKey()).bind("device", device).bind("tap", tapMode)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            });
            return findById(id).orElseThrow();
        } catch (UnableToExecuteStatementException e) {
            if (Duplicates.isDuplicateKey(e)) {
                throw new ConflictException("node '" + nodeName + "' already bridges device '" + device + "'", e);
            }
            throw e;
        }
    }

    public List<LocalBridge> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY n.name, b.device").map((rs, ctx) -> map(rs)).list());
    }

    /** The definitions one node runs. */
    public List<LocalBridge> listForNode(long nodeId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE b.node_id = :node ORDER BY b.device")
                .bind("node", nodeId).map((rs, ctx) -> map(rs)).list());
    }

    public Optional<LocalBridge> find(String nodeName, String device) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE n.name = :node AND b.device = :device")
                .bind("node", nodeName).bind("device", device).map((rs, ctx) -> map(rs)).findOne());
    }

    private Optional<LocalBridge> findById(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE b.id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /** @throws NotFoundException if the node has no bridge on that device */
    public LocalBridge delete(String nodeName, String device) {
        return jdbi.inTransaction(h -> {
            LocalBridge bridge = h.createQuery(SELECT + " WHERE n.name = :node AND b.device = :device FOR UPDATE")
                    .bind("node", nodeName).bind("device", device).map((rs, ctx) -> map(rs)).findOne()
                    .orElseThrow(() -> new NotFoundException("node '" + nodeName + "' has no bridge on device '"
                            + device + "'"));
            h.createUpdate("DELETE FROM local_bridges WHERE id = :id").bind("id", bridge.id()).execute();
            return bridge;
        });
    }

    /** The owning node's report; writes nothing when the state and error are unchanged. */
    public void reportState(long id, BridgeState state, String error) {
        String bounded = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR - 3) + "..." : error;
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE local_bridges SET state = :state, error = :error
                WHERE id = :id AND (state <> :state OR error <> :error)""")
                .bind("id", id).bind("state", state.name()).bind("error", bounded).execute());
    }

    /** Publishes the counters of a node's bridges in one batch. */
    public void reportCounters(Map<Long, BridgeCounters> counters) {
        if (counters.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    UPDATE local_bridges SET frames_in = :in, frames_out = :out, oversize_dropped = :oversize,
                           queue_dropped = :queue
                    WHERE id = :id""");
            counters.forEach((id, c) -> batch.bind("id", id).bind("in", c.framesIn()).bind("out", c.framesOut())
                    .bind("oversize", c.oversizeDropped()).bind("queue", c.queueDropped()).add());
            batch.execute();
        });
    }

    /** A node that stops says its bridges are no longer running, so a list does not show them online. */
    public void markPending(long nodeId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE local_bridges SET state = 'PENDING', error = '' WHERE node_id = :node")
                .bind("node", nodeId).execute());
    }

    private static LocalBridge map(ResultSet rs) throws SQLException {
        return new LocalBridge(rs.getLong("id"), rs.getLong("node_id"), rs.getString("node_name"), rs.getLong("hub_id"),
                rs.getString("hub_name"), rs.getString("device"), rs.getBoolean("tap_mode"),
                BridgeState.valueOf(rs.getString("state")), rs.getString("error"),
                new BridgeCounters(rs.getLong("frames_in"), rs.getLong("frames_out"), rs.getLong("oversize_dropped"),
                        rs.getLong("queue_dropped")),
                DbTime.instant(rs, "updated_at"));
    }
}
