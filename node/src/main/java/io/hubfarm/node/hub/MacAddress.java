package io.hubfarm.node.hub;

import java.util.HexFormat;

/** 48-bit MAC addresses held in a {@code long}, as the switch keys them. */
public final class MacAddress {
    private MacAddress() {
    }

    public static String format(long mac) {
        StringBuilder s = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (s.length() > 0) {
                s.append(':');
            }
            s.append(HexFormat.of().toHexDigits((byte) (mac >>> shift)));
        }
        return s.toString();
    }

    public static boolean isGroup(long mac) {
        return (mac & (1L << 40)) != 0;
    }
}
