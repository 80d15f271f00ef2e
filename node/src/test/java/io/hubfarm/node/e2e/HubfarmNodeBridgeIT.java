package io.hubfarm.node.e2e;

import org.junit.jupiter.api.Tag;

/** The local-bridge scenario against a hubfarm node, its bridges defined with the hubfarm CLI. */
@Tag("e2e")
class HubfarmNodeBridgeIT extends BridgeAcceptanceScenario<HubfarmNode> {
    @Override
    protected HubfarmNode startServer(VpnLab lab, int port) {
        return HubfarmNode.start(lab, port);
    }
}
