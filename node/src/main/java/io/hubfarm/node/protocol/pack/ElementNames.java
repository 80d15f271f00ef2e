package io.hubfarm.node.protocol.pack;

/**
 * The rules for element names, shared by the builder (a bad name is a programming error) and the
 * decoder (a bad name is a bad peer).
 */
final class ElementNames {
    /** SoftEther's limit; its reader truncates longer names, which we refuse instead (see the decoder). */
    static final int MAX_LENGTH = 63;

    private ElementNames() {
    }

    /**
     * Why {@code name} cannot be an element name, or null when it can. Names are printable ASCII:
     * SoftEther's are C identifiers with a few separators ({@code policy:Access}, {@code Ip@ipv6_bool},
     * {@code Ex.Recv.UnicastBytes}), and keeping to ASCII is what makes ASCII case folding the whole
     * story of "case-insensitive".
     */
    static String problem(CharSequence name) {
        if (name.isEmpty()) {
            return "the name is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "the name is " + name.length() + " characters long, more than " + MAX_LENGTH;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return String.format("the name has character 0x%02x at index %d, outside printable ASCII", (int) c, i);
            }
        }
        return null;
    }

    /** {@code name}, if it can be an element name; otherwise an exception for the programming error. */
    static String requireValid(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("invalid PACK element name '" + name + "': " + problem);
        }
        return name;
    }

    /**
     * The key under which names collide. ASCII only on purpose: {@code toLowerCase} would fold the Kelvin
     * sign U+212A to 'k' and let a lookup for a name no peer can send find a real element.
     */
    static String fold(String name) {
        char[] chars = name.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] += 'a' - 'A';
            }
        }
        return new String(chars);
    }
}
