package io.hubfarm.node.cli;

import io.hubfarm.node.config.ConfigException;
import io.hubfarm.node.config.NodeConfig;
import io.hubfarm.node.config.Setting;
import io.hubfarm.node.config.SettingValues;
import io.hubfarm.schema.Database;
import io.hubfarm.schema.DatabaseException;
import io.hubfarm.schema.DatabaseSettings;
import io.hubfarm.schema.MigrationStatus;
import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "db", description = "Manage the shared database's schema.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Info.class})
public final class DbCommand {

    /** Opens the database named by the options, environment or config file. */
    static Database open(DatabaseOptions options) {
        SettingValues values = SettingValues.load(options.values(), System.getenv());
        NodeConfig config = NodeConfig.from(values, "cli");
        var url = config.dbUrl().orElseThrow(() -> new ConfigException("no database given: set "
                + Setting.DB_URL.names() + " (an embedded database is only reachable while its node runs; "
                + "its URL is in the node's log)"));
        return Database.connect(new DatabaseSettings(url, config.dbUser(), config.dbPassword(), 2,
                DatabaseSettings.DEFAULT_CONNECT_TIMEOUT));
    }

    /**
     * Opens the database for a command that reads or changes the cluster model, which needs the
     * schema this version knows: an empty or older database is refused with what to do about it.
     */
    static Database openMigrated(DatabaseOptions options) {
        Database db = open(options);
        try {
            int pending = db.pendingMigrations();
            if (pending > 0) {
                throw new DatabaseException("database " + db.url().display() + " lacks " + pending
                        + " schema migration(s) of this hubfarm version: run 'hubfarm db migrate' (a starting node "
                        + "also does)");
            }
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Command(name = "migrate", description = "Apply pending migrations.")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            try (Database db = open(database)) {
                int applied = db.migrate();
                System.out.println(applied == 0 ? "Schema of " + db.url().display() + " is up to date."
                        : "Applied " + applied + " migration(s) to " + db.url().display() + ".");
            }
            return 0;
        }
    }

    @Command(name = "info", description = "Show every migration and whether it is applied.")
    static final class Info implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            try (Database db = open(database)) {
                print(db.info(), System.out);
            }
            return 0;
        }

        static void print(List<MigrationStatus> rows, PrintStream out) {
            DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
            String format = "%-8s %-36s %-10s %s%n";
            out.printf(format, "Version", "Description", "State", "Installed on (UTC)");
            for (MigrationStatus m : rows) {
                out.printf(format, m.version(), m.description(), m.state(),
                        m.installedOn() == null ? "" : time.format(m.installedOn()));
            }
        }
    }
}
