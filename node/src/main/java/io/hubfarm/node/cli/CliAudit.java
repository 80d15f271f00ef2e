package io.hubfarm.node.cli;

import io.hubfarm.schema.Database;
import io.hubfarm.schema.audit.AuditLog;

/** Every change made through the CLI leaves an audit row: who (the OS user), what, on which target. */
final class CliAudit {
    private CliAudit() {
    }

    /**
     * Makes a change and writes its audit row in one transaction, so that neither exists without the
     * other. The repositories' own Jdbi calls on this thread join the transaction's handle.
     *
     * @param detail what was asked for, never a secret
     */
    static void change(Database db, String action, String target, String detail, Runnable change) {
        db.jdbi().useTransaction(h -> {
            change.run();
            new AuditLog(db.jdbi()).append(actor(), "", "", action, target, detail);
        });
    }

    static String actor() {
        return "cli:" + System.getProperty("user.name", "?");
    }
}
