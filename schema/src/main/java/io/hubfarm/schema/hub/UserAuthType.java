package io.hubfarm.schema.hub;

/** How a hub user proves who they are. More types (certificates, RADIUS) will follow. */
public enum UserAuthType {
    /** Any credentials are accepted for this user name. */
    ANONYMOUS,
    /** SoftEther's hashed password (spec 3.4). */
    PASSWORD
}
