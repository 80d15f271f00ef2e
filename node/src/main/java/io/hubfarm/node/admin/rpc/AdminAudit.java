package io.hubfarm.node.admin.rpc;

import io.hubfarm.schema.audit.AuditLog;

/** Writes the audit row of every change made through the admin RPC: who, from where, through which node, what. */
public final class AdminAudit {
    private final AuditLog log;
    private final String nodeName;

    public AdminAudit(AuditLog log, String nodeName) {
        this.log = log;
        this.nodeName = nodeName;
    }

    public void changed(AdminRequest request, String action, String target, String detail) {
        log.append(request.principal().actor(), request.client().getAddress().getHostAddress(), nodeName,
                action, target, detail);
    }
}
