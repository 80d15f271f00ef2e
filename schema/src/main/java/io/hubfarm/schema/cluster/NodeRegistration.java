package io.hubfarm.schema.cluster;

import java.util.Objects;

/** What a node says about itself when it starts. */
public record NodeRegistration(String name, String listenAddresses, String publicHost, String publicPorts,
                               int weight, int maxSessions, boolean controllerOnly, String softwareVersion) {
    public NodeRegistration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listenAddresses, "listenAddresses");
        Objects.requireNonNull(publicPorts, "publicPorts");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
    }
}
