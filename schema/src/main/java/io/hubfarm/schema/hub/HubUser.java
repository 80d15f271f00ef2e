package io.hubfarm.schema.hub;

import java.time.Instant;
import java.util.Optional;

/** A row of {@code hub_users}. */
public record HubUser(long id, long hubId, String name, UserAuthType authType, Optional<byte[]> passwordHash,
                      Optional<byte[]> ntHash, String realName, String note, String groupName,
                      Optional<Instant> expiresAt, Instant createdAt, Instant updatedAt, long loginCount) {
}
