package io.hubfarm.node.e2e;

import org.junit.jupiter.api.Tag;

/** The acceptance scenario against Debian's real vpnserver: the proof of the lab, and the reference. */
@Tag("e2e")
@Tag("reference")
class RealVpnServerLabIT extends VpnAcceptanceScenario<RealVpnServer> {
    @Override
    protected RealVpnServer startServer(VpnLab lab, int port) {
        return RealVpnServer.start(lab, port);
    }

    @Override
    protected int serverTcpConnections(String hub, String sessionName) {
        // SessionList shows "current / max"
        return server.sessions(hub).stream().filter(s -> s.get("Session Name").equals(sessionName))
                .map(s -> Integer.parseInt(s.get("TCP Connections").split("/")[0].trim()))
                .findFirst().orElse(0);
    }
}
