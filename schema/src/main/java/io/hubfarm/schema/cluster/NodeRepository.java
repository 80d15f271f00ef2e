package io.hubfarm.schema.cluster;

import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.DbTime;
import io.hubfarm.schema.Duplicates;
import io.hubfarm.schema.Names;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The {@code nodes} table: registration, heartbeats, and the cluster's view of its members. */
public final class NodeRepository {
    private static final String SELECT = """
            SELECT id, name, listen_addresses, public_host, public_ports, weight, max_sessions, controller_only,
                   state, incarnation, software_version, started_at, last_heartbeat,
                   TIMESTAMPDIFF(MICROSECOND, last_heartbeat, NOW(3)) AS heartbeat_age_us,
                   sessions, tcp_connections, dynamic_hubs, points,
                   db_connect_attempts, db_connect_successes, db_connect_failures,
                   db_first_connected_at, db_current_connected_at
            FROM nodes""";

    /** The largest weight a node may have, as the node's own configuration allows. */
    public static final int MAX_WEIGHT = 10_000;

    private final Jdbi jdbi;

    public NodeRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Registers a starting node under its name, or takes over the row a stopped or dead node of that
     * name left. The incarnation grows by one each time, so writes from an older process of the same
     * name can be told apart and refused.
     *
     * @param deadAfter how long without a heartbeat before a row counts as abandoned
     * @throws ConflictException if a live node already uses the name
     */
    public NodeRow register(NodeRegistration r, Duration deadAfter) {
        Names.node(r.name());
        for (int attempt = 0; ; attempt++) {
            try {
                return jdbi.inTransaction(h -> registerIn(h, r, deadAfter));
            } catch (UnableToExecuteStatementException e) {
                // Two processes inserted the same new name at once: the loser looks again and
                // then finds the winner's live row.
                if (attempt == 0 && Duplicates.isDuplicateKey(e)) {
                    continue;
                }
                throw e;
            }
        }
    }

    private NodeRow registerIn(Handle h, NodeRegistration r, Duration deadAfter) {
        Optional<NodeRow> existing = h.createQuery(SELECT + " WHERE name = :name FOR UPDATE")
                .bind("name", r.name()).map((rs, ctx) -> map(rs)).findOne();
        if (existing.isPresent()) {
            NodeRow old = existing.get();
            if (old.isLive(deadAfter)) {
                throw new ConflictException("node name '" + r.name() + "' is in use by a running node (last heartbeat "
                        + old.heartbeatAge().toMillis() + " ms ago): give this node another --name");
            }
            h.createUpdate("""
                    UPDATE nodes SET listen_addresses = :listen, public_host = :publicHost, public_ports = :publicPorts,
                           weight = :weight, max_sessions = :maxSessions, controller_only = :controllerOnly,
                           software_version = :version, state = 'ONLINE', incarnation = incarnation + 1,
                           started_at = NOW(3), last_heartbeat = NOW(3),
                           sessions = 0, tcp_connections = 0, dynamic_hubs = 0, points = 0,
                           db_connect_attempts = 1, db_connect_successes = 1, db_connect_failures = 0,
                           db_first_connected_at = NOW(3), db_current_connected_at = NOW(3)
                    WHERE id = :id""")
                    .bind("id", old.id())
                    .bindMethods(r).bind("listen", r.listenAddresses()).bind("version", r.softwareVersion())
                    .execute();
        } else {
            h.createUpdate("""
                    INSERT INTO nodes (name, listen_addresses, public_host, public_ports, weight, max_sessions,
                                       controller_only, software_version, state, incarnation,
                                       started_at, last_heartbeat, db_connect_attempts, db_connect_successes,
                                       db_first_connected_at, db_current_connected_at)
                    VALUES (:name, :listen, :publicHost, :publicPorts, :weight, :maxSessions,
                            :controllerOnly, :version, 'ONLINE', 1,
                            NOW(3), NOW(3), 1, 1, NOW(3), NOW(3))""")
                    .bindMethods(r).bind("listen", r.listenAddresses()).bind("version", r.softwareVersion())
                    .execute();
        }
        return h.createQuery(SELECT + " WHERE name = :name").bind("name", r.name())
                .map((rs, ctx) -> map(rs)).one();
    }

    /**
     * Writes one heartbeat. Returns false when the row no longer belongs to this incarnation (another
     * process registered the name after this one was declared dead): the caller must stop.
     */
    public boolean heartbeat(long id, long incarnation, NodeHeartbeat hb) {
        int rows = jdbi.withHandle(h -> h.createUpdate("""
                UPDATE nodes SET last_heartbeat = NOW(3), sessions = :sessions, tcp_connections = :tcpConnections,
                       dynamic_hubs = :dynamicHubs, db_connect_attempts = :dbConnectAttempts,
                       db_connect_successes = :dbConnectSuccesses, db_connect_failures = :dbConnectFailures,
                       db_current_connected_at = CASE WHEN :reconnected THEN NOW(3) ELSE db_current_connected_at END,
                       state = CASE WHEN state = 'STARTING' THEN 'ONLINE' ELSE state END
                WHERE id = :id AND incarnation = :incarnation AND state IN ('STARTING', 'ONLINE', 'DRAINING')""")
                .bind("id", id).bind("incarnation", incarnation).bindMethods(hb)
                .execute());
        return rows == 1;
    }

    /** Marks a cleanly stopping node offline at once, so nobody waits for its heartbeat to age. */
    public void markOffline(long id, long incarnation) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE nodes SET state = 'OFFLINE', sessions = 0, tcp_connections = 0, dynamic_hubs = 0
                WHERE id = :id AND incarnation = :incarnation""")
                .bind("id", id).bind("incarnation", incarnation).execute());
    }

    public List<NodeRow> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY name").map((rs, ctx) -> map(rs)).list());
    }

    /**
     * Every node with the sessions on their way to it, in one query: what an entry node places new
     * sessions by.
     */
    public List<NodeView> view() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT v.*,
                       (SELECT COUNT(*) FROM redirect_tickets t
                        WHERE t.target_node_id = v.id AND t.consumed_at IS NULL AND t.expires_at > NOW(3))
                     + (SELECT COUNT(*) FROM sessions s WHERE s.node_id = v.id AND s.started_at > v.last_heartbeat)
                       AS on_their_way
                FROM (""" + SELECT + ") v ORDER BY v.name")
                .map((rs, ctx) -> new NodeView(map(rs), rs.getInt("on_their_way"))).list());
    }

    /**
     * The controller declares a running node dead whose heartbeat is older than {@code deadAfter}.
     * Conditional on the controller's term ({@link LeaseFence}), on the row still being that
     * incarnation, and on the heartbeat still being overdue, so a node that came back meanwhile is
     * left alone.
     *
     * @return true if the node was declared dead by this call
     */
    public boolean declareDead(long id, long incarnation, Duration deadAfter, long epoch) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE nodes n " + LeaseFence.JOIN + """
                 SET n.state = 'DEAD', n.points = 0
                WHERE n.id = :id AND n.incarnation = :incarnation AND n.state IN ('STARTING', 'ONLINE', 'DRAINING')
                  AND n.last_heartbeat < NOW(3) - INTERVAL :deadAfterUs MICROSECOND""")
                .bind("id", id).bind("incarnation", incarnation).bind("epoch", epoch)
                .bind("deadAfterUs", deadAfter.toNanos() / 1_000L).execute()) == 1;
    }

    /** The controller publishes every node's points in one transaction, conditional on its term. */
    public void publishPoints(Map<Long, Integer> points, long epoch) {
        if (points.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("UPDATE nodes n " + LeaseFence.JOIN
                    + " SET n.points = :points WHERE n.id = :id AND n.points <> :points");
            points.forEach((id, p) -> batch.bind("id", id).bind("points", p).bind("epoch", epoch).add());
            batch.execute();
        });
    }

    public Optional<NodeRow> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /**
     * Changes how much load a node takes (an administrator's SetFarmSetting): its weight and whether
     * it serves only as controller. Effective at the controller's next sweep; the node's own
     * configuration sets them again when it next starts.
     *
     * @return false if there is no such node
     */
    public boolean setBalancing(long id, int weight, boolean controllerOnly) {
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("a node's weight is 1 to " + MAX_WEIGHT + ", not " + weight);
        }
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE nodes SET weight = :weight, controller_only = :controllerOnly WHERE id = :id")
                .bind("id", id).bind("weight", weight).bind("controllerOnly", controllerOnly).execute()) == 1;
    }

    public Optional<NodeRow> find(String name) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    private static NodeRow map(ResultSet rs) throws SQLException {
        return new NodeRow(rs.getLong("id"), rs.getString("name"), rs.getString("listen_addresses"),
                rs.getString("public_host"), rs.getString("public_ports"), rs.getInt("weight"),
                rs.getInt("max_sessions"), rs.getBoolean("controller_only"),
                NodeState.valueOf(rs.getString("state")), rs.getLong("incarnation"), rs.getString("software_version"),
                DbTime.instant(rs, "started_at"), DbTime.instant(rs, "last_heartbeat"),
                Duration.ofNanos(rs.getLong("heartbeat_age_us") * 1_000L),
                rs.getInt("sessions"), rs.getInt("tcp_connections"), rs.getInt("dynamic_hubs"), rs.getInt("points"),
                rs.getLong("db_connect_attempts"), rs.getLong("db_connect_successes"),
                rs.getLong("db_connect_failures"),
                DbTime.instant(rs, "db_first_connected_at"), DbTime.instant(rs, "db_current_connected_at"));
    }
}
