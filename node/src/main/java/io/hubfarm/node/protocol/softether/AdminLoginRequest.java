package io.hubfarm.node.protocol.softether;

import io.hubfarm.node.protocol.pack.Pack;
import java.util.Optional;

/**
 * vpncmd's {@code admin} PACK (spec §7.1): the server administrator's login, or a hub
 * administrator's when {@code hubname} is present. The password proof is kept out of
 * {@link #toString()}.
 *
 * @param securePassword {@code SHA0(SHA0(password) || hello random)}, 20 bytes
 */
public record AdminLoginRequest(Optional<String> hubName, byte[] securePassword, String clientString) {
    public static final int SECURE_PASSWORD_LENGTH = 20;

    public static AdminLoginRequest fromPack(Pack pack) {
        byte[] secure = pack.getData("secure_password", new byte[0]);
        if (secure.length != SECURE_PASSWORD_LENGTH) {
            throw new LoginRefusedException(SoftEtherError.PROTOCOL_ERROR,
                    "admin login with a secure_password of " + secure.length + " bytes, not 20");
        }
        Optional<String> hub = pack.findStr("hubname").filter(h -> !h.isEmpty());
        return new AdminLoginRequest(hub, secure, pack.getStr("client_str", ""));
    }

    /** Who is logging in, for logs: "server administrator" or "administrator of hub 'X'". */
    public String who() {
        return hubName.map(h -> "administrator of hub '" + ClientText.printable(h) + "'").orElse("server administrator");
    }

    @Override
    public String toString() {
        return "AdminLoginRequest[" + who() + ", client=" + ClientText.printable(clientString) + "]";
    }
}
