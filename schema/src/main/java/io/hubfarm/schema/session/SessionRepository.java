package io.hubfarm.schema.session;

import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.DbTime;
import io.hubfarm.schema.Duplicates;
import io.hubfarm.schema.NotFoundException;
import io.hubfarm.schema.cluster.LeaseFence;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The cluster-wide session registry. Each node writes only its own rows: one when a session starts,
 * its counters periodically (one batch for all its sessions), and the deletion when it ends.
 */
public final class SessionRepository {
    private static final String SELECT = """
            SELECT s.id, s.hub_id, h.name AS hub_name, s.node_id, n.name AS node_name, s.session_name, s.user_name,
                   s.client_address, s.client_host, s.protocol, s.tcp_connections, s.started_at, s.updated_at,
                   s.bytes_in, s.bytes_out
            FROM sessions s JOIN hubs h ON h.id = s.hub_id JOIN nodes n ON n.id = s.node_id""";

    private final Jdbi jdbi;

    public SessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @throws ConflictException if the hub already has a session of that name */
    public long open(NewSession s) {
        try {
            return jdbi.withHandle(h -> h.createUpdate("""
                    INSERT INTO sessions (hub_id, node_id, session_name, user_name, client_address, client_host,
                                          protocol, tcp_connections)
                    VALUES (:hub, :node, :name, :user, :address, :host, :protocol, :tcp)""")
                    .bind("hub", s.hubId()).bind("node", s.nodeId()).bind("name", s.sessionName())
                    .bind("user", s.userName()).bind("address", s.clientAddress()).bind("host", s.clientHost())
                    .bind("protocol", s.protocol()).bind("tcp", s.tcpConnections())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        } catch (UnableToExecuteStatementException e) {
            if (Duplicates.isDuplicateKey(e)) {
                throw new ConflictException("session '" + s.sessionName() + "' already exists on the hub", e);
            }
            throw e;
        }
    }

    /** Publishes the counters of many sessions in one batch and one transaction. */
    public void updateTraffic(Collection<SessionTraffic> traffic) {
        if (traffic.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    UPDATE sessions SET bytes_in = :in, bytes_out = :out, tcp_connections = :tcp, updated_at = NOW(3)
                    WHERE id = :id""");
            for (SessionTraffic t : traffic) {
                batch.bind("id", t.id()).bind("in", t.bytesIn()).bind("out", t.bytesOut())
                        .bind("tcp", t.tcpConnections()).add();
            }
            batch.execute();
        });
    }

    /** @return false if the row was already gone */
    public boolean close(long id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE id = :id").bind("id", id).execute()) > 0;
    }

    /** Deletes every row of a node (its previous run's, at start). */
    public int closeAllOfNode(long nodeId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE node_id = :node")
                .bind("node", nodeId).execute());
    }

    /**
     * The controller removes the registry rows of a node that is no longer running (declared dead or
     * stopped without cleaning up), conditional on its term and on the node still not running.
     */
    public int reclaimStoppedNode(long nodeId, long epoch) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE s FROM sessions s JOIN nodes n ON n.id = s.node_id "
                        + LeaseFence.JOIN + " WHERE s.node_id = :node AND n.state IN ('OFFLINE', 'DEAD')")
                .bind("node", nodeId).bind("epoch", epoch).execute());
    }

    /** The sessions one user holds on a hub, on every node. */
    public int countForUser(long hubId, String userName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE hub_id = :hub AND user_name = :user")
                .bind("hub", hubId).bind("user", userName).mapTo(Integer.class).one());
    }

    public List<SessionRow> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY h.name, s.session_name")
                .map((rs, ctx) -> map(rs)).list());
    }

    /** @throws NotFoundException if there is no such hub (rather than an empty list that hides a typo) */
    public List<SessionRow> list(String hubName) {
        return jdbi.withHandle(h -> {
            hubId(h, hubName);
            return h.createQuery(SELECT + " WHERE h.name = :hub ORDER BY s.session_name")
                    .bind("hub", hubName).map((rs, ctx) -> map(rs)).list();
        });
    }

    /** @throws NotFoundException if there is no such hub */
    public int countForHub(String hubName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE hub_id = :hub")
                .bind("hub", hubId(h, hubName)).mapTo(Integer.class).one());
    }

    /** Sessions per hub id, in one query; hubs without sessions are absent. */
    public Map<Long, Integer> countByHub() {
        Map<Long, Integer> counts = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT hub_id, COUNT(*) AS n FROM sessions GROUP BY hub_id")
                .map((rs, ctx) -> Map.entry(rs.getLong("hub_id"), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    public Optional<SessionRow> find(String hubName, String sessionName) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE h.name = :hub AND s.session_name = :name")
                .bind("hub", hubName).bind("name", sessionName).map((rs, ctx) -> map(rs)).findOne());
    }

    private static long hubId(Handle h, String hubName) {
        return h.createQuery("SELECT id FROM hubs WHERE name = :name").bind("name", hubName)
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> new NotFoundException("hub '" + hubName + "' does not exist"));
    }

    private static SessionRow map(ResultSet rs) throws SQLException {
        return new SessionRow(rs.getLong("id"), rs.getLong("hub_id"), rs.getString("hub_name"), rs.getLong("node_id"),
                rs.getString("node_name"), rs.getString("session_name"), rs.getString("user_name"),
                rs.getString("client_address"), rs.getString("client_host"), rs.getString("protocol"),
                rs.getInt("tcp_connections"), DbTime.instant(rs, "started_at"), DbTime.instant(rs, "updated_at"),
                rs.getLong("bytes_in"), rs.getLong("bytes_out"));
    }
}
