package io.hubfarm.node.cli;

import io.hubfarm.schema.Database;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.Lease;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "cluster", description = "The cluster's nodes and its controller.", subcommands = ClusterCommand.Status.class)
public final class ClusterCommand {
    /** A running node heard from less recently than this is shown as silent (the nodes' dead_after). */
    static final Duration SILENT_AFTER = Duration.ofSeconds(5);

    @Command(name = "status", description = "One row per node, then who holds the controller lease.")
    static final class Status implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<NodeRow> nodes;
            Lease lease;
            try (Database db = DbCommand.openMigrated(database)) {
                nodes = new NodeRepository(db.jdbi()).list();
                lease = new ControllerLeaseRepository(db.jdbi()).current();
            }
            TextTable table = new TextTable("NODE", "ROLE", "STATE", "HOST", "PORTS", "WEIGHT", "POINTS", "SESSIONS",
                    "TCP", "DYNAMIC-HUBS", "SINCE", "HEARTBEAT");
            String holder = null;
            for (NodeRow n : nodes) {
                boolean controller = lease.isHeldBy(n.id());
                if (controller) {
                    holder = n.name();
                }
                String role = (controller ? "controller" : "member") + (n.controllerOnly() ? "(controller-only)" : "");
                String state = n.state().isRunning() && n.heartbeatAge().compareTo(SILENT_AFTER) > 0
                        ? n.state() + "(silent)" : n.state().name();
                String host = n.publicHost() == null || n.publicHost().isBlank() ? n.listenAddresses() : n.publicHost();
                table.row(n.name(), role, state, host, n.publicPorts(), n.weight(), n.points(), n.sessions(),
                        n.tcpConnections(), n.dynamicHubs(), TextTable.time(n.startedAt()), age(n.heartbeatAge()));
            }
            table.print(spec.commandLine().getOut());
            spec.commandLine().getOut().println(holder != null
                    ? "Controller: node '" + holder + "', epoch " + lease.epoch() + ", lease valid for another "
                            + seconds(lease.remaining()) + "."
                    : "Controller: none holds the lease (epoch " + lease.epoch() + ").");
            return 0;
        }

        private static String age(Duration d) {
            return seconds(d);
        }

        private static String seconds(Duration d) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
    }
}
