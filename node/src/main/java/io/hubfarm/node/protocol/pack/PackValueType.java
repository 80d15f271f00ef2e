package io.hubfarm.node.protocol.pack;

import java.util.Optional;

/** The value types of spec §2, with the codes that identify them on the wire. */
public enum PackValueType {
    /** u32; booleans are 0/1 and read as "not 0". Signed in Java, unsigned on the wire. */
    INT(0, "int"),
    /** Length-prefixed raw bytes: hashes, DER certificates, IPv6 addresses, padding. */
    DATA(1, "data"),
    /** Length-prefixed string without terminator ("ANSI" in SoftEther, UTF-8 or ASCII in practice). */
    STR(2, "str"),
    /** Length-prefixed UTF-8 whose length counts a trailing NUL that is also sent. */
    UNISTR(3, "unistr"),
    /** u64; times are milliseconds since the epoch. */
    INT64(4, "int64");

    private final int code;
    private final String label;

    PackValueType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The type code as written on the wire. */
    public int code() {
        return code;
    }

    /** The wire code, or empty when the code names no type we know. */
    public static Optional<PackValueType> fromCode(long code) {
        for (PackValueType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
