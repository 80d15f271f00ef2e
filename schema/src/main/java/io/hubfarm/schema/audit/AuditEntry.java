package io.hubfarm.schema.audit;

import java.time.Instant;

/** One change to the cluster: who made it, from where, through which node, and what it was. */
public record AuditEntry(Instant at, String actor, String sourceAddress, String nodeName, String action,
                         String target, String detail) {
}
