package io.hubfarm.node.cli;

import io.hubfarm.node.admin.AdminPasswordBootstrap;
import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.node.cluster.ClusterTiming;
import io.hubfarm.node.config.ConfigException;
import io.hubfarm.schema.Database;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.Lease;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "cluster", description = "The cluster's nodes, its controller and its timing settings.",
        subcommands = {ClusterCommand.Status.class, ClusterCommand.Settings.class, ClusterCommand.Set.class,
                ClusterCommand.AdminPassword.class})
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

    @Command(name = "settings", description = "The cluster's timing settings, with their defaults where unset.")
    static final class Settings implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, String> stored;
            try (Database db = DbCommand.openMigrated(database)) {
                stored = new ClusterSettings(db.jdbi()).all();
            }
            Map<String, Duration> effective = effective(stored);
            TextTable table = new TextTable("SETTING", "VALUE-MS", "SOURCE");
            for (String name : ClusterTiming.SETTINGS) {
                table.row(name, effective.get(name).toMillis(), stored.containsKey(name) ? "database" : "default");
            }
            table.print(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "set", description = "Change a timing setting for every node (each reads it when it starts).")
    static final class Set implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "SETTING", description = "one of: cluster.heartbeat-ms, "
                + "cluster.dead-after-ms, cluster.lease-ttl-ms, cluster.dynamic-hub-grace-ms")
        String name;
        @Parameters(index = "1", paramLabel = "MILLISECONDS")
        String value;

        @Override
        public Integer call() {
            if (!ClusterTiming.SETTINGS.contains(name)) {
                throw new ConfigException("unknown cluster setting '" + name + "': one of " + ClusterTiming.SETTINGS);
            }
            try (Database db = DbCommand.openMigrated(database)) {
                ClusterSettings settings = new ClusterSettings(db.jdbi());
                Map<String, String> after = new HashMap<>(settings.all());
                after.put(name, value.trim());
                try {
                    ClusterTiming.from(after);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(e.getMessage());
                }
                CliAudit.change(db, "cluster.set", name, value.trim(), () -> settings.put(name, value.trim()));
            }
            spec.commandLine().getOut().println("Cluster setting " + name + " = " + value.trim()
                    + " ms. Running nodes apply it when they restart; restart them all so they agree.");
            return 0;
        }
    }

    @Command(name = "admin-password", description = "Set the server administrator password (vpncmd /SERVER) of every node.")
    static final class AdminPassword implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;
        @Option(names = "--password-file", paramLabel = "FILE", required = true,
                description = "a file whose first line is the new password (never given on the command line)")
        Path passwordFile;

        @Override
        public Integer call() {
            String password = PasswordFile.read(passwordFile, "--password-file");
            String hash = HexFormat.of().formatHex(SoftEtherPasswords.adminHash(password));
            try (Database db = DbCommand.openMigrated(database)) {
                ClusterSettings settings = new ClusterSettings(db.jdbi());
                CliAudit.change(db, "server.password", "", "server administrator password changed",
                        () -> settings.put(AdminPasswordBootstrap.SETTING, hash));
            }
            spec.commandLine().getOut().println("Server administrator password changed for every node; admin logins"
                    + " use it from now on.");
            return 0;
        }
    }

    private static Map<String, Duration> effective(Map<String, String> stored) {
        ClusterTiming t;
        try {
            t = ClusterTiming.from(stored);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return Map.of(ClusterTiming.HEARTBEAT, t.heartbeat(), ClusterTiming.DEAD_AFTER, t.deadAfter(),
                ClusterTiming.LEASE_TTL, t.leaseTtl(), ClusterTiming.EMPTY_HUB_GRACE, t.emptyHubGrace());
    }
}
