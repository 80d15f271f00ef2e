package io.hubfarm.node.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Every local setting of a node. Each can be given as a command-line option, an environment
 * variable, or a key in the config file; that is also the order of precedence.
 */
public enum Setting {
    CONFIG("config", null, "the config file (key = value lines)"),
    DB_URL("db.url", null, "JDBC URL of the shared database; none: run an embedded MariaDB"),
    DB_USER("db.user", "root", "database user"),
    DB_PASSWORD_FILE("db.password-file", null, "file holding the database password"),
    NAME("name", null, "node name, unique in the cluster (default: the host name)"),
    LISTEN("listen", "0.0.0.0:5555", "VPN listen addresses, HOST:PORT[,...]"),
    PUBLIC_ADDRESS("public-address", null, "address clients are redirected to, HOST:PORT[,...]"),
    WEIGHT("weight", "100", "load-balancing weight (SoftEther's 'standard ratio'), 1-10000"),
    CONTROLLER_ONLY("controller-only", "false", "take no VPN sessions while holding the controller lease"),
    DATA_DIR("data-dir", "./var", "directory for local state (embedded database, generated secrets)"),
    ADMIN_PASSWORD_FILE("admin-password-file", null, "file holding the server administrator password for a new database"),
    EMBEDDED_DB_PORT("embedded-db.port", "3307", "TCP port of the embedded MariaDB (loopback only)");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key in the config file, e.g. {@code db.url}. */
    public String key() {
        return key;
    }

    /** The command-line option, e.g. {@code --db-url}. */
    public String option() {
        return "--" + key.replace('.', '-');
    }

    /** The environment variable, e.g. {@code HUBFARM_DB_URL}. */
    public String environmentVariable() {
        return "HUBFARM_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    /** How an error message names this setting, so the operator finds it wherever it was set. */
    public String names() {
        return option() + " / " + environmentVariable() + " / '" + key + "' in the config file";
    }

    public static Optional<Setting> byKey(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
