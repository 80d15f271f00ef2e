package io.hubfarm.node.config;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings from all three sources, merged by precedence: command line, then environment, then
 * config file, then the built-in default.
 */
public final class SettingValues {
    private final Map<Setting, String> commandLine;
    private final Map<Setting, String> environment;
    private final Map<Setting, String> file;

    public SettingValues(Map<Setting, String> commandLine, Map<Setting, String> environment, Map<Setting, String> file) {
        this.commandLine = Map.copyOf(commandLine);
        this.environment = Map.copyOf(environment);
        this.file = Map.copyOf(file);
    }

    /** Reads the environment and the config file (named on the command line or in HUBFARM_CONFIG). */
    public static SettingValues load(Map<Setting, String> commandLine, Map<String, String> env) {
        Map<Setting, String> fromEnv = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String v = env.get(s.environmentVariable());
            if (v != null && !v.isEmpty()) {
                fromEnv.put(s, v);
            }
        }
        Optional<String> configFile = Optional.ofNullable(commandLine.get(Setting.CONFIG))
                .or(() -> Optional.ofNullable(fromEnv.get(Setting.CONFIG)));
        Map<Setting, String> fromFile = configFile.map(f -> ConfigFile.read(Path.of(f))).orElse(Map.of());
        return new SettingValues(commandLine, fromEnv, fromFile);
    }

    public Optional<String> get(Setting s) {
        return Optional.ofNullable(commandLine.get(s))
                .or(() -> Optional.ofNullable(environment.get(s)))
                .or(() -> Optional.ofNullable(file.get(s)))
                .or(s::defaultValue);
    }

    public String require(Setting s) {
        return get(s).orElseThrow(() -> new ConfigException("missing value for " + s.names()));
    }
}
