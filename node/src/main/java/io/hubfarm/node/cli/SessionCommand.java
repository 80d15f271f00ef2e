package io.hubfarm.node.cli;

import io.hubfarm.node.session.SessionDisconnects;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.Database;
import io.hubfarm.schema.NotFoundException;
import io.hubfarm.schema.audit.AuditLog;
import io.hubfarm.schema.command.NodeCommandRepository;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.session.SessionRow;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "session", description = "The cluster's VPN sessions.", subcommands = {SessionCommand.ListSessions.class, SessionCommand.Disconnect.class})
public final class SessionCommand {

    @Command(name = "list", description = "List the sessions of every node (bytes as of each node's last report).")
    static final class ListSessions implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;
        @Option(names = "--hub", paramLabel = "HUB", description = "only this hub's sessions")
        String hub;

        @Override
        public Integer call() {
            TextTable table = new TextTable("HUB", "SESSION", "USER", "NODE", "CLIENT", "PROTOCOL", "TCP", "STARTED",
                    "BYTES-IN", "BYTES-OUT");
            try (Database db = DbCommand.openMigrated(database)) {
                SessionRepository sessions = new SessionRepository(db.jdbi());
                List<SessionRow> rows = hub == null ? sessions.list() : sessions.list(hub);
                for (SessionRow s : rows) {
                    table.row(s.hubName(), s.sessionName(), s.userName(), s.nodeName(), s.clientAddress(), s.protocol(),
                            s.tcpConnections(), TextTable.time(s.startedAt()), s.bytesIn(), s.bytesOut());
                }
            }
            table.print(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "disconnect", description = "Disconnect a session on whichever node holds it (that node carries it"
            + " out within a second).")
    static final class Disconnect implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "HUB")
        String hub;
        @Parameters(index = "1", paramLabel = "SESSION", description = "the session name, as 'session list' shows it")
        String session;

        @Override
        public Integer call() throws InterruptedException {
            try (Database db = DbCommand.openMigrated(database)) {
                SessionRepository sessions = new SessionRepository(db.jdbi());
                sessions.list(hub); // an unknown hub is its own error
                SessionRow row = sessions.find(hub, session).orElseThrow(() -> new NotFoundException(
                        "hub '" + hub + "' has no session '" + session + "'"));
                SessionDisconnects.Outcome outcome = new SessionDisconnects(new NodeCommandRepository(db.jdbi()),
                        NodeClock.system()).disconnect(row);
                String target = row.hubName() + "/" + row.sessionName();
                new AuditLog(db.jdbi()).append(CliAudit.actor(), "", "", "session.disconnect", target, "on node "
                        + row.nodeName() + ": " + outcome.result().orElse("still queued"));
                if (outcome.result().isEmpty()) {
                    spec.commandLine().getErr().println("hubfarm: node '" + row.nodeName() + "' has not carried out the"
                            + " disconnect of " + target + " yet; it stays queued (command " + outcome.commandId()
                            + "). Is the node running? ('hubfarm cluster status')");
                    return 1;
                }
                spec.commandLine().getOut().println("Node '" + row.nodeName() + "': " + outcome.result().get() + ".");
                return 0;
            }
        }
    }
}
