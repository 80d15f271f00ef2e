package io.hubfarm.node.client;

import java.time.Duration;

/**
 * One client session's settings.
 *
 * @param maxConnection  how many TCP connections to ask for (1..32); the server may grant fewer
 * @param qos            as the real client's default; the server then grants at least 2 connections
 */
public record ClientOptions(String host, int port, String hub, String user, ClientCredentials credentials,
                            int maxConnection, boolean compress, boolean halfConnection, boolean qos,
                            Duration connectTimeout) {
    public static ClientOptions of(String host, int port, String hub, String user, ClientCredentials credentials) {
        return new ClientOptions(host, port, hub, user, credentials, 1, false, false, false, Duration.ofSeconds(10));
    }

    public ClientOptions withMaxConnection(int n) {
        return new ClientOptions(host, port, hub, user, credentials, n, compress, halfConnection, qos, connectTimeout);
    }

    public ClientOptions withCompression(boolean on) {
        return new ClientOptions(host, port, hub, user, credentials, maxConnection, on, halfConnection, qos, connectTimeout);
    }

    public ClientOptions withHalfConnection(boolean on) {
        return new ClientOptions(host, port, hub, user, credentials, maxConnection, compress, on, qos, connectTimeout);
    }
}
