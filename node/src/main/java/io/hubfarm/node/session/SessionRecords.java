package io.hubfarm.node.session;

import io.hubfarm.schema.session.NewSession;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.session.SessionTraffic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's rows in the cluster-wide sessions table. A row is written before the client is
 * welcomed (which also makes the session name unique on its hub), its traffic is published
 * periodically, and it is deleted when the session ends — retried until the database takes it, so
 * a row outlives its session only while the database is unreachable. Rows a crashed incarnation left
 * behind are deleted at start.
 */
public final class SessionRecords {
    public static final String PROTOCOL = "SoftEther";
    private static final Logger log = LoggerFactory.getLogger(SessionRecords.class);

    private final SessionRepository repository;
    private final long nodeId;
    private final ConcurrentHashMap<VpnSession, Long> rows = new ConcurrentHashMap<>();
    private final java.util.Queue<Long> toDelete = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public SessionRecords(SessionRepository repository, long nodeId) {
        this.repository = repository;
        this.nodeId = nodeId;
    }

    /** Deletes the rows of this node's previous incarnation. */
    public void clearStale() {
        int n = repository.closeAllOfNode(nodeId);
        if (n > 0) {
            log.info("Removed {} session rows left by this node's previous run", n);
        }
    }

    /** @throws io.hubfarm.schema.ConflictException if the session name is taken on its hub */
    long open(SessionIdentity id, int tcpConnections) {
        return repository.open(new NewSession(id.hubId(), nodeId, id.name(), id.userName(),
                id.client().getAddress().getHostAddress(), id.clientHost(), PROTOCOL, tcpConnections));
    }

    /**
     * Writes the rows of every running session again, after this node was declared dead and
     * registered anew: the controller deleted them, but the sessions themselves kept running.
     *
     * @return how many rows were written
     */
    public int registerAgain() {
        int written = 0;
        for (var entry : rows.entrySet()) {
            VpnSession session = entry.getKey();
            try {
                long row = open(session.identity(), Math.max(1, session.connectionCount()));
                if (rows.replace(session, entry.getValue(), row)) {
                    written++;
                } else {
                    repository.close(row); // the session ended meanwhile
                }
            } catch (io.hubfarm.schema.ConflictException e) {
                log.debug("Session {} still has its row", session.name());
            }
        }
        return written;
    }

    int sessionsOfUser(long hubId, String userName) {
        return repository.countForUser(hubId, userName);
    }

    void attach(VpnSession session, long rowId) {
        rows.put(session, rowId);
    }

    /** The session ended: its row goes at the next {@link #flush()} (or now, if that is soon enough). */
    void ended(VpnSession session) {
        Long row = rows.remove(session);
        if (row != null) {
            toDelete.add(row);
        }
    }

    void forget(long rowId) {
        toDelete.add(rowId);
    }

    /** Deletes the rows of ended sessions. Runs every second; a failure leaves them for the next run. */
    public void flush() {
        Long row;
        while ((row = toDelete.peek()) != null) {
            repository.close(row);
            toDelete.poll();
        }
    }

    /** Publishes every running session's byte counts and connection count in one batch. */
    public void publishTraffic() {
        List<SessionTraffic> batch = new ArrayList<>(rows.size());
        rows.forEach((session, row) -> batch.add(new SessionTraffic(row, session.bytesIn(), session.bytesOut(),
                session.connectionCount())));
        if (!batch.isEmpty()) {
            repository.updateTraffic(batch);
        }
    }

    /** The running session whose row has this id, if it is this node's. */
    public Optional<VpnSession> sessionOfRow(long rowId) {
        return rows.entrySet().stream().filter(e -> e.getValue() == rowId).map(Map.Entry::getKey).findFirst();
    }

    public int pendingDeletes() {
        return toDelete.size();
    }

    Collection<Long> rowIds() {
        return List.copyOf(rows.values());
    }
}
