package io.hubfarm.node.tls;

import io.hubfarm.node.config.ConfigException;

/** The cluster secret this node was given does not open the keys in the database. */
public final class ClusterSecretMismatchException extends ConfigException {
    public ClusterSecretMismatchException(String message) {
        super(message);
    }
}
