package io.hubfarm.node.protocol.softether;

import io.hubfarm.node.protocol.pack.Pack;
import java.util.Arrays;

/**
 * A client's {@code login} PACK (spec §3.2), reduced to what the server acts on. The credentials are
 * kept out of {@link #toString()}.
 *
 * @param maxConnection   the client's wish, 1..32
 * @param clientString    the client's product string, for logs and session status
 */
public record LoginRequest(String hubName, String userName, AuthType authType, byte[] securePassword,
                           String plainPassword, byte[] ticket, String clientString, int clientVersion,
                           int clientBuild, int maxConnection, boolean useCompress, boolean halfConnection,
                           boolean qos, String clientHostname) {
    public static final int MAX_CONNECTIONS = 32;

    public static LoginRequest fromPack(Pack pack) {
        String hub = pack.getStr("hubname", "");
        String user = pack.getStr("username", "");
        if (hub.isEmpty()) {
            throw new LoginRefusedException(SoftEtherError.PROTOCOL_ERROR, "login without a hub name");
        }
        AuthType type = AuthType.fromCode(pack.getInt("authtype", -1));
        if (user.isEmpty() && type != AuthType.TICKET) {
            throw new LoginRefusedException(SoftEtherError.PROTOCOL_ERROR, "login without a user name");
        }
        byte[] secure = pack.getData("secure_password", new byte[0]);
        byte[] ticket = pack.getData("ticket", new byte[0]);
        if (type == AuthType.PASSWORD && secure.length != 20) {
            throw new LoginRefusedException(SoftEtherError.PROTOCOL_ERROR,
                    "password login with a secure_password of " + secure.length + " bytes, not 20");
        }
        if (type == AuthType.TICKET && ticket.length != 20) {
            throw new LoginRefusedException(SoftEtherError.PROTOCOL_ERROR,
                    "ticket login with a ticket of " + ticket.length + " bytes, not 20");
        }
        int max = Math.clamp(pack.getInt("max_connection", 1), 1, MAX_CONNECTIONS);
        return new LoginRequest(hub, user, type, secure, pack.getStr("plain_password", ""), ticket,
                pack.findStr("client_str").or(() -> pack.findStr("hello")).orElse(""),
                pack.findInt("client_ver").orElse(pack.getInt("version", 0)),
                pack.findInt("client_build").orElse(pack.getInt("build", 0)),
                max, pack.getBool("use_compress", false), pack.getBool("half_connection", false),
                pack.getBool("qos", false), pack.getStr("ClientHostname", ""));
    }

    @Override
    public String toString() {
        return "LoginRequest[hub=" + hubName + ", user=" + userName + ", authType=" + authType + ", client="
                + clientString + " " + clientVersion + "." + clientBuild + ", maxConnection=" + maxConnection
                + ", compress=" + useCompress + ", half=" + halfConnection + ", qos=" + qos + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoginRequest r && hubName.equals(r.hubName) && userName.equals(r.userName)
                && authType == r.authType && Arrays.equals(securePassword, r.securePassword)
                && plainPassword.equals(r.plainPassword) && Arrays.equals(ticket, r.ticket);
    }

    @Override
    public int hashCode() {
        return hubName.hashCode() * 31 + userName.hashCode();
    }
}
