package io.hubfarm.node.protocol.pack;

import java.util.Arrays;
import java.util.Objects;

/** One value of a {@link PackElement}. Immutable; the record type is the PACK value type. */
public sealed interface PackValue {

    PackValueType type();

    /** A u32. Java has no unsigned int, so the bits are kept and {@link #unsigned()} widens them. */
    record Int(int value) implements PackValue {
        @Override
        public PackValueType type() {
            return PackValueType.INT;
        }

        public long unsigned() {
            return Integer.toUnsignedLong(value);
        }
    }

    /** A u64, kept as its bits. */
    record Int64(long value) implements PackValue {
        @Override
        public PackValueType type() {
            return PackValueType.INT64;
        }
    }

    /** Raw bytes. Copied in and out, so that a {@link Pack} stays immutable. */
    record Data(byte[] bytes) implements PackValue {
        public Data {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        @Override
        public PackValueType type() {
            return PackValueType.DATA;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Data(byte[] theirs) && Arrays.equals(bytes, theirs);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        /** Only the length: DATA carries password hashes and private keys, which must not reach a log. */
        @Override
        public String toString() {
            return "Data[" + bytes.length + " bytes]";
        }
    }

    /** A STR value. */
    record Str(String value) implements PackValue {
        public Str {
            requireNoNul(value, "STR");
        }

        @Override
        public PackValueType type() {
            return PackValueType.STR;
        }
    }

    /** A UNISTR value, without the NUL that the wire format adds. */
    record UniStr(String value) implements PackValue {
        public UniStr {
            requireNoNul(value, "UNISTR");
        }

        @Override
        public PackValueType type() {
            return PackValueType.UNISTR;
        }
    }

    /**
     * SoftEther holds strings as C strings, so a NUL inside one would end it early on a real peer and
     * make the two sides disagree on the value; the decoder refuses such bytes and we never write them.
     */
    private static void requireNoNul(String value, String type) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(type + " value contains a NUL character at index " + value.indexOf('\0'));
        }
    }
}
