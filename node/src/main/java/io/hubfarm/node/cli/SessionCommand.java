package io.hubfarm.node.cli;

import io.hubfarm.schema.Database;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.session.SessionRow;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "session", description = "The cluster's VPN sessions.", subcommands = SessionCommand.ListSessions.class)
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
}
