package io.hubfarm.node.hub;

/**
 * One Ethernet frame without FCS (destination, source, type, payload). Immutable by contract: the
 * array is never changed after wrapping, because flooding hands the same instance to many ports.
 */
public final class EthernetFrame {
    public static final int HEADER_LENGTH = 14;
    private final byte[] bytes;

    private EthernetFrame(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps, does not copy: the caller gives up the array. */
    public static EthernetFrame wrap(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("an Ethernet frame has at least " + HEADER_LENGTH + " bytes, not " + bytes.length);
        }
        return new EthernetFrame(bytes);
    }

    /** The frame's bytes; must not be modified. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    public long destination() {
        return mac(0);
    }

    public long source() {
        return mac(6);
    }

    /** Broadcast or multicast: the I/G bit of the destination. */
    public boolean isGroupDestination() {
        return (bytes[0] & 1) != 0;
    }

    private long mac(int offset) {
        return ((bytes[offset] & 0xFFL) << 40) | ((bytes[offset + 1] & 0xFFL) << 32) | ((bytes[offset + 2] & 0xFFL) << 24)
                | ((bytes[offset + 3] & 0xFFL) << 16) | ((bytes[offset + 4] & 0xFFL) << 8) | (bytes[offset + 5] & 0xFFL);
    }
}
