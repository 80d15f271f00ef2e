package io.hubfarm.schema.cluster;

import io.hubfarm.schema.Duplicates;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Cluster-wide key/value settings. */
public final class ClusterSettings {
    private final Jdbi jdbi;

    public ClusterSettings(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<String> get(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM cluster_settings WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
    }

    public void put(String name, String value) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO cluster_settings (name, value) VALUES (:name, :value)
                ON DUPLICATE KEY UPDATE value = VALUES(value)""")
                .bind("name", name).bind("value", value).execute());
    }

    /** Stores the value only if the setting does not exist yet; true if this call stored it. */
    public boolean putIfAbsent(String name, String value) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO cluster_settings (name, value) VALUES (:name, :value)")
                    .bind("name", name).bind("value", value).execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (Duplicates.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT name, value FROM cluster_settings ORDER BY name")
                .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getString("value")))
                .forEach(e -> all.put(e.getKey(), e.getValue())));
        return all;
    }
}
