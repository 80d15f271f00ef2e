package io.hubfarm.node.protocol.softether.tunnel;

/** The receiver's limits in the tunnel phase (spec §6.1). */
public final class TunnelLimits {
    /** A block larger than this ends the connection: no Ethernet frame, compressed or not, is this big. */
    public static final int MAX_BLOCK_SIZE = 3200;
    /** A frame that is larger once decompressed is dropped; the stream goes on. */
    public static final int MAX_FRAME_SIZE = 1600;
    /** A keep-alive larger than this ends the connection. */
    public static final int MAX_KEEPALIVE_SIZE = 512;
    /** Destination, source and type: anything shorter is not an Ethernet frame and is dropped. */
    public static final int MIN_FRAME_SIZE = 14;
    /** The count value that announces a keep-alive instead of data blocks. */
    public static final int KEEPALIVE_MAGIC = 0xFFFFFFFF;

    private TunnelLimits() {
    }
}
