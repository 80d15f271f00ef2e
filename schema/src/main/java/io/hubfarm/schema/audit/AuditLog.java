package io.hubfarm.schema.audit;

import io.hubfarm.schema.DbTime;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The append-only audit log. The time of an entry is the database's. */
public final class AuditLog {
    private static final int MAX_DETAIL = 2048;

    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void append(String actor, String sourceAddress, String nodeName, String action, String target,
                       String detail) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO audit_log (actor, source_address, node_name, action, target, detail)
                VALUES (:actor, :source, :node, :action, :target, :detail)""")
                .bind("actor", actor).bind("source", sourceAddress).bind("node", nodeName).bind("action", action)
                .bind("target", target)
                .bind("detail", detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail)
                .execute());
    }

    public List<AuditEntry> recent(int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT at, actor, source_address, node_name, action, target, detail
                FROM audit_log ORDER BY id DESC LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(DbTime.instant(rs, "at"), rs.getString("actor"),
                        rs.getString("source_address"), rs.getString("node_name"), rs.getString("action"),
                        rs.getString("target"), rs.getString("detail")))
                .list());
    }
}
