package io.hubfarm.schema.hub;

import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code hubs}. The password hashes are SoftEther's (spec 3.4); absent when no admin password is set.
 *
 * @param maxSessionsPerUser sessions one user may hold at once in the cluster, 0 = unlimited
 */
public record Hub(long id, String name, HubType type, boolean online, int maxSessions, boolean noEnum,
                  Optional<byte[]> adminPasswordHash, Optional<byte[]> adminSecurePassword,
                  Instant createdAt, Instant updatedAt, long loginCount, int maxSessionsPerUser) {
}
