package io.hubfarm.node.cli;

import io.hubfarm.node.config.Setting;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that talks to the database shares. */
public class DatabaseOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "config file (key = value); env HUBFARM_CONFIG")
    String config;

    @Option(names = "--db-url", paramLabel = "URL",
            description = "shared database, jdbc:mariadb://HOST[:PORT]/DB or jdbc:mysql://...; env HUBFARM_DB_URL")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "database user (default root); env HUBFARM_DB_USER")
    String dbUser;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "file holding the database password; env HUBFARM_DB_PASSWORD_FILE")
    String dbPasswordFile;

    Map<Setting, String> values() {
        Map<Setting, String> m = new EnumMap<>(Setting.class);
        put(m, Setting.CONFIG, config);
        put(m, Setting.DB_URL, dbUrl);
        put(m, Setting.DB_USER, dbUser);
        put(m, Setting.DB_PASSWORD_FILE, dbPasswordFile);
        return m;
    }

    static void put(Map<Setting, String> m, Setting s, String value) {
        if (value != null) {
            m.put(s, value);
        }
    }
}
