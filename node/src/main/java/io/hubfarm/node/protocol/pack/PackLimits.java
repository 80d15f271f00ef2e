package io.hubfarm.node.protocol.pack;

/**
 * How much a decoded PACK may claim. Every count and length read from the wire is checked against
 * these before anything is allocated for it, so a hostile length field costs the peer its connection
 * and us nothing. Pick the preset of the channel the bytes came from.
 *
 * @param maxTotalBytes       the whole encoded PACK
 * @param maxElements         elements in the PACK
 * @param maxValuesPerElement values of one element (the length of an array)
 * @param maxValueBytes       the length field of one DATA, STR or UNISTR value
 */
public record PackLimits(int maxTotalBytes, int maxElements, int maxValuesPerElement, int maxValueBytes) {

    // The hard limits of SoftEther's 64-bit build (spec §2). No real peer can send more, so no
    // configuration may allow more.
    private static final int SOFTETHER_MAX_TOTAL_BYTES = 512 * 1024 * 1024;
    private static final int SOFTETHER_MAX_ELEMENTS = 262_144;
    private static final int SOFTETHER_MAX_VALUES = 262_144;
    private static final int SOFTETHER_MAX_VALUE_BYTES = 384 * 1024 * 1024;

    /**
     * PACKs over HTTP before and during login (spec §1.4). The real server refuses bodies over
     * 64 KiB; the client's login PACK, the largest, is about 3.5 KB with some 80 single-value elements.
     * These are read before the peer has authenticated, so nothing here is generous.
     */
    public static final PackLimits NEGOTIATION = new PackLimits(65_536, 4096, 4096, 65_536);

    /**
     * Admin RPC after login (spec §7.2). Requests carry certificates and keys, and list replies are
     * parallel arrays with one value per user or session, so arrays may be long. 16 MiB keeps the
     * decoded form of one request (at worst one boxed value per 4 wire bytes) around 100 MiB.
     */
    public static final PackLimits ADMIN_RPC = new PackLimits(16 * 1024 * 1024, 4096, SOFTETHER_MAX_VALUES, 16 * 1024 * 1024);

    public PackLimits {
        check("maxTotalBytes", maxTotalBytes, SOFTETHER_MAX_TOTAL_BYTES);
        check("maxElements", maxElements, SOFTETHER_MAX_ELEMENTS);
        check("maxValuesPerElement", maxValuesPerElement, SOFTETHER_MAX_VALUES);
        check("maxValueBytes", maxValueBytes, SOFTETHER_MAX_VALUE_BYTES);
    }

    private static void check(String name, int value, int softEtherMaximum) {
        if (value < 1 || value > softEtherMaximum) {
            throw new IllegalArgumentException(name + " must be between 1 and " + softEtherMaximum
                    + " (SoftEther's own limit), not " + value);
        }
    }
}
