package io.hubfarm.node.cli;

import io.hubfarm.schema.Database;
import io.hubfarm.schema.audit.AuditLog;

/** Every change made through the CLI leaves an audit row: who (the OS user), what, on which target. */
final class CliAudit {
    private CliAudit() {
    }

    static void record(Database db, String action, String target, String detail) {
        new AuditLog(db.jdbi()).append("cli:" + System.getProperty("user.name", "?"), "", "", action, target, detail);
    }
}
