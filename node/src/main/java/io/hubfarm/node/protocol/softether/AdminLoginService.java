package io.hubfarm.node.protocol.softether;

import java.net.InetSocketAddress;

/**
 * Checks an administrator's login (spec §7.1). May block, so it is called off the event loop; a
 * refusal is a {@link LoginRefusedException}, whose delay the negotiation waits before answering.
 */
public interface AdminLoginService {
    /** For listeners that offer no administration. */
    AdminLoginService UNAVAILABLE = (request, challenge, client) -> {
        throw new LoginRefusedException(SoftEtherError.NOT_SUPPORTED, "administration is not offered on this listener");
    };

    AdminConsole login(AdminLoginRequest request, byte[] challenge, InetSocketAddress client);
}
