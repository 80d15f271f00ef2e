package io.hubfarm.schema.session;

import io.hubfarm.schema.cluster.LeaseFence;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Single-use redirect tickets. Only SHA-256 of a ticket is stored; consuming is one conditional
 * UPDATE, so a ticket presented twice at once is accepted exactly once, and never after expiry.
 */
public final class TicketRepository {
    private final Jdbi jdbi;

    public TicketRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void issue(NewTicket t) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO redirect_tickets (ticket_hash, hub_id, user_name, real_user_name, group_name, session_name,
                                              target_node_id, issuer_node_id, expires_at)
                VALUES (:hash, :hub, :user, :realUser, :group, :session, :target, :issuer,
                        NOW(3) + INTERVAL :ttlUs MICROSECOND)""")
                .bind("hash", sha256(t.ticket())).bind("hub", t.hubId()).bind("user", t.userName())
                .bind("realUser", t.realUserName()).bind("group", t.groupName()).bind("session", t.sessionName())
                .bind("target", t.targetNodeId()).bind("issuer", t.issuerNodeId())
                .bind("ttlUs", t.ttl().toNanos() / 1_000L)
                .execute());
    }

    /**
     * Consumes a ticket presented to {@code nodeId}. Empty if it is unknown, meant for another node,
     * already used, or expired (by the database clock).
     */
    public Optional<TicketGrant> consume(byte[] ticket, long nodeId) {
        if (ticket == null || ticket.length != 20) {
            return Optional.empty();
        }
        byte[] hash = sha256(ticket);
        return jdbi.inTransaction(h -> {
            int won = h.createUpdate("""
                    UPDATE redirect_tickets SET consumed_at = NOW(3)
                    WHERE ticket_hash = :hash AND target_node_id = :node AND consumed_at IS NULL AND expires_at > NOW(3)""")
                    .bind("hash", hash).bind("node", nodeId).execute();
            if (won != 1) {
                return Optional.empty();
            }
            return h.createQuery("""
                    SELECT hub_id, user_name, real_user_name, group_name, session_name
                    FROM redirect_tickets WHERE ticket_hash = :hash""")
                    .bind("hash", hash)
                    .map((rs, ctx) -> new TicketGrant(rs.getLong("hub_id"), rs.getString("user_name"),
                            rs.getString("real_user_name"), rs.getString("group_name"), rs.getString("session_name")))
                    .findOne();
        });
    }

    /**
     * The controller removes tickets past their expiry (used or not), conditional on its term.
     *
     * @return how many were removed
     */
    public int deleteExpired(long epoch) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE t FROM redirect_tickets t " + LeaseFence.JOIN
                + " WHERE t.expires_at < NOW(3)").bind("epoch", epoch).execute());
    }

    /**
     * The controller removes the tickets addressed to a node that is no longer running (it will never
     * accept them), conditional on its term and on the node still not running.
     */
    public int deleteForStoppedNode(long nodeId, long epoch) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE t FROM redirect_tickets t JOIN nodes n ON n.id = t.target_node_id "
                        + LeaseFence.JOIN + " WHERE t.target_node_id = :node AND n.state IN ('OFFLINE', 'DEAD')")
                .bind("node", nodeId).bind("epoch", epoch).execute());
    }

    private static byte[] sha256(byte[] ticket) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ticket);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
