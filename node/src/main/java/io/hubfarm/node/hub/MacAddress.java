package io.hubfarm.node.hub;

/**
 * MAC addresses as the hub holds them: 48 bits in the low end of a {@code long}, first octet most
 * significant, so {@code 5e:00:53:12:34:56} is {@code 0x5E0053123456L}. Switching never builds an
 * object for an address; this class only turns them into text and back for logs, status and tests.
 */
public final class MacAddress {

    /** {@code ff:ff:ff:ff:ff:ff}. */
    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    private static final long MASK = 0xFFFF_FFFF_FFFFL;
    private static final long GROUP_BIT = 1L << 40;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private MacAddress() {
    }

    /** Lower-case, colon-separated: {@code "5e:00:53:12:34:56"}. */
    public static String format(long mac) {
        char[] text = new char[17];
        for (int octet = 0; octet < 6; octet++) {
            int value = (int) (mac >>> (40 - 8 * octet)) & 0xFF;
            int at = octet * 3;
            text[at] = HEX[value >>> 4];
            text[at + 1] = HEX[value & 0x0F];
            if (octet < 5) {
                text[at + 2] = ':';
            }
        }
        return new String(text);
    }

    /**
     * Reads six two-digit hexadecimal octets separated by {@code :} or {@code -}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static long parse(String text) {
        if (text == null || text.length() != 17) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long mac = 0;
        for (int octet = 0; octet < 6; octet++) {
            int at = octet * 3;
            int high = Character.digit(text.charAt(at), 16);
            int low = Character.digit(text.charAt(at + 1), 16);
            boolean separatorOk = octet == 5 || text.charAt(at + 2) == ':' || text.charAt(at + 2) == '-';
            if (high < 0 || low < 0 || !separatorOk) {
                throw new IllegalArgumentException("not a MAC address: " + text);
            }
            mac = mac << 8 | high << 4 | low;
        }
        return mac;
    }

    /** Broadcast or multicast: the I/G bit of the first octet. */
    public static boolean isGroup(long mac) {
        return (mac & GROUP_BIT) != 0;
    }

    /**
     * Whether a frame with this source may enter the hub. SoftEther drops frames whose source is all
     * ones, all zeros, or equal to their destination (Mayaqua ParsePacket marks them
     * InvalidSourcePacket, Cedar HubPaPutPacket discards them). We also refuse any group source: IEEE
     * 802 forbids it, and learning one would only fill the table, since frames to a group address are
     * flooded and never look the table up.
     */
    static boolean isUsableSource(long source, long destination) {
        return source != 0 && !isGroup(source) && source != destination && (source & ~MASK) == 0;
    }
}
