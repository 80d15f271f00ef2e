package io.hubfarm.node.session;

import io.hubfarm.node.protocol.softether.NegotiatedOptions;
import java.net.InetSocketAddress;
import java.util.HexFormat;

/**
 * Who a session is: fixed at login. The session key lets the client add connections to this
 * session, so it is never logged or shown.
 *
 * @param hubId    the hub's database id (a hub re-created under the same name is another hub)
 * @param userName the user as stored (the client may type it in another case)
 */
public record SessionIdentity(String name, long hubId, String hubName, String userName, InetSocketAddress client,
                              String clientString, String clientHost, byte[] sessionKey, NegotiatedOptions options) {
    public SessionIdentity {
        sessionKey = sessionKey.clone();
    }

    @Override
    public byte[] sessionKey() {
        return sessionKey.clone();
    }

    String sessionKeyId() {
        return HexFormat.of().formatHex(sessionKey);
    }

    @Override
    public String toString() {
        return name + " (hub " + hubName + ", user " + userName + ", from " + client + ")";
    }
}
