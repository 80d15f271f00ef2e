package io.hubfarm.node.protocol.softether.tunnel;

/**
 * The sizes a tunnel stream may carry (spec §6.1), as SoftEther 5.01 enforces them on receive
 * ({@code src/Cedar/Connection.c}, the TCP receive state machine in {@code ConnectionReceive}, and
 * {@code src/Cedar/Cedar.h} for the constants). Above {@link #MAX_BLOCK_SIZE} or
 * {@link #MAX_KEEP_ALIVE_SIZE} the peer is broken and loses its connection; a block that merely does
 * not make a usable frame is dropped and the stream goes on.
 */
public final class TunnelLimits {

    /**
     * The largest Ethernet frame (without FCS) a tunnel carries: SoftEther's {@code MAX_PACKET_SIZE}.
     * A plain block over this, or a compressed one that inflates to more, is dropped, not fatal
     * (Connection.c frees any block whose decoded size exceeds it).
     */
    public static final int MAX_FRAME_SIZE = 1600;

    /**
     * The largest block length field a receiver accepts: {@code MAX_PACKET_SIZE * 2}, leaving room for
     * a compressed frame that grew. Connection.c disconnects the TCP connection above this.
     */
    public static final int MAX_BLOCK_SIZE = 2 * MAX_FRAME_SIZE;

    /**
     * The largest keep-alive payload a receiver accepts ({@code MAX_KEEPALIVE_SIZE}); more disconnects.
     * Senders use {@code rand() % 512}, so they never send this much: see {@link TunnelEncoder}.
     */
    public static final int MAX_KEEP_ALIVE_SIZE = 512;

    /**
     * The shortest usable frame: a MAC header (destination, source, ethertype). SoftEther queues
     * shorter blocks but its hub cannot parse them ({@code ParsePacketL2Ex} in Mayaqua/TcpIp.c) and
     * drops them, so we drop them where they arrive. An empty block, or a compressed block that fails
     * to inflate (SoftEther's {@code Uncompress} then returns size 0), ends up here too.
     */
    public static final int MIN_FRAME_SIZE = 14;

    private TunnelLimits() {
    }
}
