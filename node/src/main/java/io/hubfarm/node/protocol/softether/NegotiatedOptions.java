package io.hubfarm.node.protocol.softether;

/**
 * What the server grants for a session (spec §3.5): the client's wishes within the server's rules.
 *
 * @param timeoutMillis  both sides close a connection that received nothing for this long
 */
public record NegotiatedOptions(int maxConnection, boolean useCompress, boolean halfConnection, boolean qos,
                                int timeoutMillis) {
    public static final int DEFAULT_TIMEOUT_MILLIS = 20_000;

    public static NegotiatedOptions negotiate(LoginRequest login) {
        int max = Math.clamp(login.maxConnection(), 1, LoginRequest.MAX_CONNECTIONS);
        // As the real server: a half-connection session needs one connection each way, and QoS
        // reserves connections for priority frames (spec §3.5).
        if (login.halfConnection()) {
            max = Math.max(max, 2);
        }
        if (login.qos()) {
            max = Math.max(max, login.halfConnection() ? 4 : 2);
        }
        return new NegotiatedOptions(max, login.useCompress(), login.halfConnection(), login.qos(),
                DEFAULT_TIMEOUT_MILLIS);
    }
}
