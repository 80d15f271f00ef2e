package io.hubfarm.node.protocol.softether.tunnel;

/**
 * A keep-alive (spec §6.1, §6.2): decoded when the peer sent one, encoded as a random-length random
 * payload when written. It carries nothing we use: its payload is padding (or a UDP NAT-T port that
 * only matters with UDP acceleration, which we do not offer), so there is one instance.
 */
public enum TunnelKeepAlive {
    INSTANCE;

    /** The u32 that starts a keep-alive where a block count would otherwise be (KEEP_ALIVE_MAGIC). */
    static final int WIRE_MARKER = 0xFFFF_FFFF;
}
