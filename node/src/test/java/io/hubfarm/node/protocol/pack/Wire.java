package io.hubfarm.node.protocol.pack;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hex as the spec writes it: spaces and '|' separate fields for the reader and mean nothing. */
final class Wire {
    private Wire() {
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("[\\s|]", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The ASCII bytes of {@code text} as hex, for names and strings inside test vectors. */
    static String ascii(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }
}
