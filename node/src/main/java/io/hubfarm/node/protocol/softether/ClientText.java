package io.hubfarm.node.protocol.softether;

import java.nio.charset.StandardCharsets;

/** Text that came from a client (hub and user names, paths) made safe for one log line. */
public final class ClientText {
    static final int MAX_LENGTH = 64;

    private ClientText() {
    }

    /** At most 64 characters of printable ASCII; anything else becomes '?', so a name cannot forge log lines. */
    public static String printable(String s) {
        String cut = s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "..." : s;
        StringBuilder out = new StringBuilder(cut.length());
        for (byte b : cut.getBytes(StandardCharsets.UTF_8)) {
            out.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return out.toString();
    }
}
