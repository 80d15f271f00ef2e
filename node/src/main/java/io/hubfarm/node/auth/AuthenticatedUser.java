package io.hubfarm.node.auth;

/**
 * A login that passed.
 *
 * @param userName          the name as stored (the client may have typed it in another case)
 * @param hubAdministrator  logged in as {@code administrator} with the hub's admin password
 */
public record AuthenticatedUser(String userName, boolean hubAdministrator) {
}
