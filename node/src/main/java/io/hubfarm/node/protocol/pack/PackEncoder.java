package io.hubfarm.node.protocol.pack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a {@link Pack} in the wire format of spec §2, big-endian, elements in the pack's order. */
final class PackEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private final byte[] scratch = new byte[8];

    private PackEncoder() {
    }

    static byte[] encode(Pack pack) {
        PackEncoder encoder = new PackEncoder();
        encoder.writePack(pack);
        return encoder.out.toByteArray();
    }

    private void writePack(Pack pack) {
        writeU32(pack.elements().size());
        for (PackElement element : pack.elements()) {
            writeElement(element);
        }
    }

    private void writeElement(PackElement element) {
        // Names are ASCII (checked by PackElement), so chars and bytes are one to one.
        byte[] name = element.name().getBytes(StandardCharsets.US_ASCII);
        // The length counts a NUL terminator that is not sent: SoftEther's quirk, not ours to fix.
        writeU32(name.length + 1);
        out.writeBytes(name);
        writeU32(element.type().code());
        writeU32(element.values().size());
        for (PackValue value : element.values()) {
            writeValue(value);
        }
    }

    private void writeValue(PackValue value) {
        switch (value) {
            case PackValue.Int(int v) -> writeU32(v);
            case PackValue.Int64(long v) -> writeU64(v);
            case PackValue.Data data -> writeSized(data.bytes(), false);
            case PackValue.Str(String v) -> writeSized(v.getBytes(StandardCharsets.UTF_8), false);
            case PackValue.UniStr(String v) -> writeSized(v.getBytes(StandardCharsets.UTF_8), true);
        }
    }

    /** A length and the bytes; with {@code nul}, a terminating 0x00 that the length includes (UNISTR). */
    private void writeSized(byte[] bytes, boolean nul) {
        writeU32(bytes.length + (nul ? 1 : 0));
        out.writeBytes(bytes);
        if (nul) {
            out.write(0);
        }
    }

    private void writeU32(int value) {
        for (int i = 0; i < 4; i++) {
            scratch[i] = (byte) (value >>> (24 - 8 * i));
        }
        out.write(scratch, 0, 4);
    }

    private void writeU64(long value) {
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (value >>> (56 - 8 * i));
        }
        out.write(scratch, 0, 8);
    }
}
