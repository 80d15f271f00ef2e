package io.hubfarm.node.e2e;

import org.junit.jupiter.api.Tag;

/** The local-bridge scenario against Debian's real vpnserver: the reference, and the proof of the lab. */
@Tag("e2e")
class RealVpnServerBridgeIT extends BridgeAcceptanceScenario<RealVpnServer> {
    @Override
    protected RealVpnServer startServer(VpnLab lab, int port) {
        return RealVpnServer.start(lab, port);
    }
}
