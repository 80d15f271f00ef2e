package io.hubfarm.node.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Every local setting of a node. Each can be given as a command-line option, an environment
 * variable, or a key in the config file; that is also the order of precedence.
 */
public enum Setting {
    CONFIG("config", null),
    DB_URL("db.url", null),
    DB_USER("db.user", "root"),
    DB_PASSWORD_FILE("db.password-file", null),
    NAME("name", null),
    LISTEN("listen", "0.0.0.0:5555"),
    PUBLIC_ADDRESS("public-address", null),
    WEIGHT("weight", "100"),
    CONTROLLER_ONLY("controller-only", "false"),
    DATA_DIR("data-dir", "./var"),
    ADMIN_PASSWORD_FILE("admin-password-file", null),
    EMBEDDED_DB_PORT("embedded-db.port", "3307"),
    CLUSTER_SECRET_FILE("cluster-secret-file", null),
    DNS_LISTEN("dns-listen", null),
    TLS_PROVIDER("tls-provider", "auto");

    private final String key;
    private final String defaultValue;

    Setting(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
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
