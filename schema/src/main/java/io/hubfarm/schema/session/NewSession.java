package io.hubfarm.schema.session;

import java.util.Objects;

/** A session starting on a node. */
public record NewSession(long hubId, long nodeId, String sessionName, String userName, String clientAddress,
                         String clientHost, String protocol, int tcpConnections) {
    public NewSession {
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(clientAddress, "clientAddress");
        clientHost = clientHost == null ? "" : clientHost.length() > 255 ? clientHost.substring(0, 255) : clientHost;
        Objects.requireNonNull(protocol, "protocol");
    }
}
