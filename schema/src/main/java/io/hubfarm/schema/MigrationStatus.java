package io.hubfarm.schema;

import java.time.Instant;

/** One row of Flyway's view of the schema history: what {@code hubfarm db info} prints. */
public record MigrationStatus(String version, String description, String state, Instant installedOn) {
}
