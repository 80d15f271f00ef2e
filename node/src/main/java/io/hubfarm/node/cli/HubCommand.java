package io.hubfarm.node.cli;

import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.schema.Database;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.session.SessionRepository;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "hub", description = "Manage the cluster's virtual hubs (works with or without a running node).",
        subcommands = {HubCommand.Create.class, HubCommand.ListHubs.class, HubCommand.Delete.class,
                HubCommand.Online.class, HubCommand.Offline.class})
public final class HubCommand {
    static final class TypeChoice {
        @Option(names = "--static", description = "an instance on every node (the default)")
        boolean staticHub;

        @Option(names = "--dynamic", description = "one instance in the cluster, where its sessions are")
        boolean dynamicHub;
    }

    @Command(name = "create", description = "Create a hub (static unless --dynamic). The type is fixed once created.")
    static final class Create implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the hub name (unique without regard to case)")
        String name;
        @ArgGroup(exclusive = true)
        TypeChoice type;
        @Option(names = "--admin-password-file", paramLabel = "FILE",
                description = "the hub administrator's password (user 'administrator' on this hub)")
        Path adminPasswordFile;
        @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "0",
                description = "sessions the hub takes at once; 0 = unlimited (default)")
        int maxSessions;
        @Option(names = "--max-sessions-per-user", paramLabel = "N", defaultValue = "0",
                description = "sessions one user may hold at once in the cluster; 0 = unlimited (default)")
        int maxSessionsPerUser;
        @Option(names = "--offline", description = "create it offline")
        boolean offline;

        @Override
        public Integer call() {
            CliArguments.hubName(name);
            CliArguments.limit(maxSessions, "--max-sessions");
            CliArguments.limit(maxSessionsPerUser, "--max-sessions-per-user");
            HubType hubType = type != null && type.dynamicHub ? HubType.DYNAMIC : HubType.STATIC;
            Optional<String> password = Optional.ofNullable(adminPasswordFile)
                    .map(f -> PasswordFile.read(f, "--admin-password-file"));
            // The admin password sets both of SoftEther's hashes: the hub-admin RPC login and the
            // VPN login of user "administrator" (spec 3.4).
            NewHub hub = new NewHub(name, hubType, !offline, maxSessions, password.map(SoftEtherPasswords::adminHash),
                    password.map(p -> SoftEtherPasswords.userHash("administrator", p)), maxSessionsPerUser);
            String detail = hubType + (offline ? ", offline" : ", online")
                    + (maxSessions > 0 ? ", max " + maxSessions + " sessions" : "")
                    + (maxSessionsPerUser > 0 ? ", max " + maxSessionsPerUser + " sessions per user" : "")
                    + (password.isPresent() ? ", admin password set" : "");
            try (Database db = DbCommand.openMigrated(database)) {
                CliAudit.change(db, "hub.create", name, detail, () -> new HubRepository(db.jdbi()).create(hub));
            }
            spec.commandLine().getOut().println("Created " + hubType.name().toLowerCase(Locale.ROOT) + " hub '"
                    + name + "'.");
            return 0;
        }
    }

    @Command(name = "list", description = "List the hubs with their sessions and users.")
    static final class ListHubs implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            TextTable table = new TextTable("NAME", "TYPE", "ONLINE", "SESSIONS", "USERS", "MAX-SESSIONS",
                    "PER-USER", "CREATED");
            try (Database db = DbCommand.openMigrated(database)) {
                Map<Long, Integer> sessions = new SessionRepository(db.jdbi()).countByHub();
                Map<Long, Integer> users = new HubUserRepository(db.jdbi()).countByHub();
                for (Hub h : new HubRepository(db.jdbi()).list()) {
                    table.row(h.name(), h.type(), h.online() ? "yes" : "no", sessions.getOrDefault(h.id(), 0),
                            users.getOrDefault(h.id(), 0), h.maxSessions() == 0 ? "unlimited" : h.maxSessions(),
                            h.maxSessionsPerUser() == 0 ? "unlimited" : h.maxSessionsPerUser(),
                            TextTable.time(h.createdAt()));
                }
            }
            table.print(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a hub with its users; its sessions are disconnected.")
    static final class Delete extends HubChange {
        Delete() {
            super("hub.delete", "Deleted hub '%s'.", (repo) -> repo::delete);
        }
    }

    @Command(name = "online", description = "Put a hub online.")
    static final class Online extends HubChange {
        Online() {
            super("hub.online", "Hub '%s' is online.", (repo) -> name -> repo.setOnline(name, true));
        }
    }

    @Command(name = "offline", description = "Take a hub offline; its sessions are disconnected within seconds.")
    static final class Offline extends HubChange {
        Offline() {
            super("hub.offline", "Hub '%s' is offline.", (repo) -> name -> repo.setOnline(name, false));
        }
    }

    abstract static class HubChange implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the hub name (unique without regard to case)")
        String name;
        private final String action;
        private final String done;
        private final Function<HubRepository, java.util.function.Consumer<String>> change;

        HubChange(String action, String done, Function<HubRepository, java.util.function.Consumer<String>> change) {
            this.action = action;
            this.done = done;
            this.change = change;
        }

        @Override
        public Integer call() {
            try (Database db = DbCommand.openMigrated(database)) {
                CliAudit.change(db, action, name, "", () -> change.apply(new HubRepository(db.jdbi())).accept(name));
            }
            spec.commandLine().getOut().println(done.formatted(name));
            return 0;
        }
    }
}
