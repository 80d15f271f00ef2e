package io.hubfarm.schema.hub;

import java.util.Objects;
import java.util.Optional;

/** What it takes to create a hub user. A PASSWORD user must come with its SoftEther password hash. */
public record NewHubUser(String name, UserAuthType authType, Optional<byte[]> passwordHash, Optional<byte[]> ntHash,
                         String realName, String note, String groupName) {
    public NewHubUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(ntHash, "ntHash");
        if (authType == UserAuthType.PASSWORD && passwordHash.map(h -> h.length != 20).orElse(true)) {
            throw new IllegalArgumentException("a password user needs a 20-byte password hash");
        }
    }

    public static NewHubUser anonymous(String name) {
        return new NewHubUser(name, UserAuthType.ANONYMOUS, Optional.empty(), Optional.empty(), "", "", "");
    }

    public static NewHubUser password(String name, byte[] passwordHash, byte[] ntHash) {
        return new NewHubUser(name, UserAuthType.PASSWORD, Optional.of(passwordHash), Optional.ofNullable(ntHash),
                "", "", "");
    }
}
