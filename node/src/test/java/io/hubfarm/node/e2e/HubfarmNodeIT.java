package io.hubfarm.node.e2e;

import org.junit.jupiter.api.Tag;

/**
 * The acceptance scenario against a hubfarm node started from the real jar, its hub and users created
 * with the hubfarm CLI, and two real, unmodified SoftEther vpnclients.
 */
@Tag("e2e")
class HubfarmNodeIT extends VpnAcceptanceScenario<HubfarmNode> {
    @Override
    protected HubfarmNode startServer(VpnLab lab, int port) {
        return HubfarmNode.start(lab, port);
    }

    @Override
    protected int serverTcpConnections(String hub, String sessionName) {
        // session list: HUB SESSION USER NODE CLIENT PROTOCOL TCP ...
        return server.cli("session", "list", "--hub", hub).lines().skip(1)
                .map(line -> line.trim().split("\\s+"))
                .filter(cells -> cells.length > 6 && cells[1].equals(sessionName))
                .map(cells -> Integer.parseInt(cells[6]))
                .findFirst().orElse(0);
    }
}
