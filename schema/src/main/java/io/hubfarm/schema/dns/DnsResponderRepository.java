package io.hubfarm.schema.dns;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** The {@code dns_responders} table: which nodes answer DNS for the cluster (its name servers). */
public final class DnsResponderRepository {
    private final Jdbi jdbi;

    public DnsResponderRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void register(long nodeId, String listen) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO dns_responders (node_id, listen) VALUES (:node, :listen)
                        ON DUPLICATE KEY UPDATE listen = VALUES(listen), started_at = NOW(3)""")
                .bind("node", nodeId).bind("listen", listen).execute());
    }

    public void unregister(long nodeId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM dns_responders WHERE node_id = :node").bind("node", nodeId)
                .execute());
    }

    /** The ids of the nodes that registered a responder (live or not: the caller judges liveness). */
    public Set<Long> nodeIds() {
        return jdbi.withHandle(h -> h.createQuery("SELECT node_id FROM dns_responders").mapTo(Long.class)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
