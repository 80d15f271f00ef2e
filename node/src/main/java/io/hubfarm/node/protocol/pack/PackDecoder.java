package io.hubfarm.node.protocol.pack;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the wire format of spec §2 into a {@link Pack}, refusing anything a SoftEther writer would not
 * produce. Each count and length is checked against the {@link PackLimits} and against the bytes that
 * are actually left before anything is allocated for it, so a short hostile input cannot make us
 * reserve memory for what it merely claims.
 */
final class PackDecoder {
    /** The smallest element: name length, a one-byte name, type, value count and a 4-byte value. */
    private static final int MIN_ELEMENT_BYTES = 4 + 1 + 4 + 4 + 4;

    private final ByteBuffer in;
    private final PackLimits limits;
    private int offset;

    // Where we are, for the exception message.
    private int elementIndex = -1;
    private String elementName;
    private int valueIndex = -1;

    private PackDecoder(ByteBuffer in, PackLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    static Pack decode(ByteBuffer wire, PackLimits limits) {
        Objects.requireNonNull(wire, "wire");
        Objects.requireNonNull(limits, "limits");
        // A big-endian view whose index 0 is the PACK's first byte: offsets in messages start there,
        // and the caller's buffer stays untouched unless decoding succeeds.
        Pack pack = new PackDecoder(wire.slice().order(ByteOrder.BIG_ENDIAN), limits).readPack();
        wire.position(wire.limit());
        return pack;
    }

    private Pack readPack() {
        if (in.limit() > limits.maxTotalBytes()) {
            throw failAt(0, "the PACK is %d bytes, more than the limit of %d", in.limit(), limits.maxTotalBytes());
        }
        long count = readU32("the element count");
        if (count > limits.maxElements()) {
            throw failAt(0, "%d elements, more than the limit of %d", count, limits.maxElements());
        }
        requireRoomFor(count, MIN_ELEMENT_BYTES, "elements");
        List<PackElement> elements = new ArrayList<>((int) count);
        Map<String, String> namesByFold = HashMap.newHashMap((int) count);
        for (int i = 0; i < count; i++) {
            elementIndex = i;
            elements.add(readElement(namesByFold));
        }
        elementIndex = -1;
        elementName = null;
        if (offset != in.limit()) {
            // The frame's length and the PACK's own counts disagree; refuse rather than guess which is right.
            throw failAt(offset, "%d bytes follow the last element", in.limit() - offset);
        }
        return new Pack(elements);
    }

    private PackElement readElement(Map<String, String> namesByFold) {
        elementName = null;
        valueIndex = -1;
        String name = readName();
        String earlier = namesByFold.putIfAbsent(ElementNames.fold(name), name);
        elementName = name;
        if (earlier != null) {
            // SoftEther rejects the whole PACK here too; taking either copy would be a guess.
            throw failAt(offset - name.length(), "the name duplicates element '%s' (names are case-insensitive)", earlier);
        }

        int typeAt = offset;
        long code = readU32("the value type");
        PackValueType type = PackValueType.fromCode(code)
                .orElseThrow(() -> failAt(typeAt, "unknown value type %d", code));

        int countAt = offset;
        long count = readU32("the value count");
        if (count == 0) {
            throw failAt(countAt, "the element has no values");
        }
        if (count > limits.maxValuesPerElement()) {
            throw failAt(countAt, "%d values, more than the limit of %d", count, limits.maxValuesPerElement());
        }
        // Every value takes at least 4 bytes (8 for INT64): its number, or its length field.
        requireRoomFor(count, type == PackValueType.INT64 ? 8 : 4, type + " values");
        List<PackValue> values = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            valueIndex = i;
            values.add(readValue(type));
        }
        valueIndex = -1;
        return new PackElement(name, values);
    }

    private String readName() {
        int at = offset;
        long lengthPlusOne = readU32("the name length");
        if (lengthPlusOne == 0) {
            throw failAt(at, "the name length is 0, but it counts a NUL that is not sent, so it is at least 1");
        }
        // SoftEther's reader cuts longer names to 63 characters, so two different long names could end
        // up as one element there and as two here. No SoftEther writer produces them: refuse.
        if (lengthPlusOne - 1 > ElementNames.MAX_LENGTH) {
            throw failAt(at, "the name is %d bytes long, more than %d", lengthPlusOne - 1, ElementNames.MAX_LENGTH);
        }
        if (lengthPlusOne == 1) {
            throw failAt(at, "the name is empty");
        }
        int length = (int) lengthPlusOne - 1;
        requireRemaining(length, "the name");
        // Latin-1 maps each byte to the char of the same value, so the check below sees the raw bytes.
        String name = new String(readBytes(length), StandardCharsets.ISO_8859_1);
        String problem = ElementNames.problem(name);
        if (problem != null) {
            throw failAt(at + 4, "%s", problem);
        }
        return name;
    }

    private PackValue readValue(PackValueType type) {
        return switch (type) {
            case INT -> new PackValue.Int((int) readU32("the INT value"));
            case INT64 -> new PackValue.Int64(readU64());
            case DATA -> new PackValue.Data(readSized(type));
            case STR -> new PackValue.Str(readStr());
            case UNISTR -> new PackValue.UniStr(readUniStr());
        };
    }

    private String readStr() {
        byte[] bytes = readSized(PackValueType.STR);
        requireNoNul(bytes, bytes.length, offset - bytes.length, PackValueType.STR);
        return utf8(bytes, bytes.length);
    }

    private String readUniStr() {
        int at = offset;
        byte[] bytes = readSized(PackValueType.UNISTR);
        if (bytes.length == 0 || bytes[bytes.length - 1] != 0) {
            throw failAt(at, "the UNISTR value does not end with the NUL its length must include");
        }
        requireNoNul(bytes, bytes.length - 1, offset - bytes.length, PackValueType.UNISTR);
        return utf8(bytes, bytes.length - 1);
    }

    /** A length-prefixed value's bytes, the length checked against the limit before anything is read. */
    private byte[] readSized(PackValueType type) {
        int at = offset;
        long length = readU32("the " + type + " length");
        if (length > limits.maxValueBytes()) {
            throw failAt(at, "%s length %d, more than the limit of %d", type, length, limits.maxValueBytes());
        }
        requireRemaining(length, "the " + type + " bytes");
        return readBytes((int) length);
    }

    /** SoftEther's strings are C strings: a NUL inside one would end it early on a real peer. */
    private void requireNoNul(byte[] bytes, int length, int at, PackValueType type) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                throw failAt(at + i, "a NUL byte inside the %s value", type);
            }
        }
    }

    /**
     * Malformed UTF-8 becomes U+FFFD instead of an error: STR is "ANSI" in SoftEther, and a Windows
     * client in a non-UTF-8 locale may send its code page in informational fields such as its host
     * name, which are not worth refusing a login over. Names and lengths are still checked strictly.
     */
    private static String utf8(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private long readU32(String what) {
        requireRemaining(4, what);
        long value = Integer.toUnsignedLong(in.getInt(offset));
        offset += 4;
        return value;
    }

    private long readU64() {
        requireRemaining(8, "the INT64 value");
        long value = in.getLong(offset);
        offset += 8;
        return value;
    }

    private byte[] readBytes(int length) {
        byte[] bytes = new byte[length];
        in.get(offset, bytes);
        offset += length;
        return bytes;
    }

    private void requireRemaining(long needed, String what) {
        int remaining = in.limit() - offset;
        if (needed > remaining) {
            throw failAt(offset, "truncated: %d bytes needed for %s, only %d remain", needed, what, remaining);
        }
    }

    /** Fails early when even the smallest encoding of {@code count} things could not fit. */
    private void requireRoomFor(long count, int minimumBytesEach, String things) {
        int remaining = in.limit() - offset;
        if (count * minimumBytesEach > remaining) {
            throw failAt(offset, "truncated: %d %s need at least %d bytes, only %d remain",
                    count, things, count * minimumBytesEach, remaining);
        }
    }

    private PackFormatException failAt(int at, String format, Object... args) {
        StringBuilder message = new StringBuilder("bad PACK");
        if (elementIndex >= 0) {
            message.append(" element #").append(elementIndex);
            if (elementName != null) {
                message.append(" '").append(elementName).append('\'');
            }
            if (valueIndex >= 0) {
                message.append(" value #").append(valueIndex);
            }
        }
        message.append(": ").append(String.format(format, args)).append(" (offset ").append(at).append(')');
        return new PackFormatException(message.toString());
    }
}
