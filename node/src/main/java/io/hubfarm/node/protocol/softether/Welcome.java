package io.hubfarm.node.protocol.softether;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.pack.PackBuilder;

/**
 * The server's answer to a successful {@code login} (spec §4.1–4.2). {@code use_encrypt} is always 1:
 * a client told 0 leaves TLS and speaks the tunnel in clear text.
 */
public record Welcome(String sessionName, String connectionName, byte[] sessionKey, int sessionKey32,
                      NegotiatedOptions options) {
    public static final int SESSION_KEY_LENGTH = 20;

    public Welcome {
        if (sessionKey.length != SESSION_KEY_LENGTH) {
            throw new IllegalArgumentException("a session key is " + SESSION_KEY_LENGTH + " bytes");
        }
    }

    public Pack toPack() {
        PackBuilder b = Pack.builder()
                .putStr("session_name", sessionName)
                .putStr("connection_name", connectionName)
                .putData("session_key", sessionKey)
                .putInt("session_key_32", sessionKey32)
                .putInt("max_connection", options.maxConnection())
                .putInt("use_encrypt", 1)
                .putInt("use_compress", options.useCompress() ? 1 : 0)
                .putInt("half_connection", options.halfConnection() ? 1 : 0)
                .putInt("qos", options.qos() ? 1 : 0)
                .putInt("timeout", options.timeoutMillis())
                .putInt("vlan_id", 0)
                .putInt("is_azure_session", 0)
                .putInt("enable_udp_recovery", 0)
                .putInt("suppress_client_update_notification", 0);
        // The real server's default policy; the client only displays it.
        b.putInt("policy:Access", 1).putInt("policy:MaxConnection", LoginRequest.MAX_CONNECTIONS)
                .putInt("policy:TimeOut", options.timeoutMillis() / 1000).putInt("policy:Ver3", 1);
        return b.build();
    }

    public static Pack error(SoftEtherError error) {
        return Pack.builder().putInt("error", error.code()).build();
    }
}
