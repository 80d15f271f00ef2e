package io.hubfarm.node.e2e;

import java.util.List;

/**
 * The server that the end-to-end tests point real clients at, running inside the lab's {@code srv}
 * namespace: Debian's vpnserver ({@link RealVpnServer}, the reference) or a hubfarm node. The
 * operations are the ones an acceptance scenario needs before and while clients connect.
 */
public interface VpnServerUnderTest extends AutoCloseable {
    /** A short label for reports, e.g. "SoftEther vpnserver 5.01". */
    String product();

    /** The address {@code client} uses to reach the server (its veth peer in srv, never a local address). */
    String host(Namespace client);

    /** The TCP port the server listens on (on every srv address). */
    int port();

    /** "host:port" for vpnclient's AccountCreate /SERVER: from {@code client}'s namespace. */
    default String endpoint(Namespace client) {
        return host(client) + ":" + port();
    }

    void createHub(String hub);

    /** A user with password authentication on {@code hub}. */
    void createUser(String hub, String user, String password);

    /**
     * The names of the sessions the hub has now, as the client's AccountStatusGet "Session Name" shows
     * them (e.g. "SID-ALICE-3"): the key for "this client's row".
     */
    List<String> sessionNames(String hub);

    /** Stops the server and removes its state; idempotent. */
    @Override
    void close();
}
