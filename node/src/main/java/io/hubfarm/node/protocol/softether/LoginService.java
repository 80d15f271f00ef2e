package io.hubfarm.node.protocol.softether;

import java.net.InetSocketAddress;

/**
 * What the negotiation hands over once a client has said who it is: a login ends in a tunnel here or a
 * redirect to another node. Implementations may block (they
 * read the database), so they are called off the event loop; a refusal is a
 * {@link LoginRefusedException} carrying the code the client will show.
 */
public interface LoginService {
    LoginOutcome login(LoginRequest request, byte[] challenge, InetSocketAddress client);

    TunnelEndpoint additionalConnect(byte[] sessionKey, InetSocketAddress client);
}
