package io.hubfarm.schema.hub;

import java.util.Objects;
import java.util.Optional;

/** What it takes to create a hub. */
public record NewHub(String name, HubType type, boolean online, int maxSessions,
                     Optional<byte[]> adminPasswordHash, Optional<byte[]> adminSecurePassword,
                     int maxSessionsPerUser) {
    public NewHub {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(adminPasswordHash, "adminPasswordHash");
        Objects.requireNonNull(adminSecurePassword, "adminSecurePassword");
    }

    public static NewHub of(String name, HubType type) {
        return new NewHub(name, type, true, 0, Optional.empty(), Optional.empty(), 0);
    }
}
