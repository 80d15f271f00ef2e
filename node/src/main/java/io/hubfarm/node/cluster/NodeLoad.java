package io.hubfarm.node.cluster;

/** What a node carries now, reported with every heartbeat. */
public record NodeLoad(int sessions, int tcpConnections, int dynamicHubs) {
    public static final NodeLoad IDLE = new NodeLoad(0, 0, 0);
}
