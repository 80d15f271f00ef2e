package io.hubfarm.node.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads {@code hubfarm.conf}: {@code key = value} lines, {@code #} comments, nothing else. */
public final class ConfigFile {
    private static final long MAX_SIZE = 64 * 1024;

    private ConfigFile() {
    }

    public static Map<Setting, String> read(Path file) {
        List<String> lines;
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw new ConfigException("config file " + file + " is larger than 64 KiB: is it the right file?");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return parse(lines, file.toString());
    }

    static Map<Setting, String> parse(List<String> lines, String source) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(source + " line " + (i + 1) + ": expected 'key = value', found '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            int lineNumber = i + 1;
            Setting setting = Setting.byKey(key).orElseThrow(() -> new ConfigException(
                    source + " line " + lineNumber + ": unknown key '" + key + "'"));
            if (setting == Setting.CONFIG) {
                throw new ConfigException(source + ": the key 'config' cannot be set inside a config file");
            }
            if (values.put(setting, value) != null) {
                throw new ConfigException(source + ": key '" + key + "' is set twice");
            }
        }
        return values;
    }
}
