package io.hubfarm.schema.hub;

import java.time.Instant;

/**
 * A cheap fingerprint of the whole {@code hub_users} table: any insert, update or delete changes it.
 * Nodes compare it once a second to know when their cached users are stale.
 */
public record UsersVersion(long count, Instant lastUpdate) {
}
