package io.hubfarm.node.protocol.softether.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Raw tunnel streams written by hand, independent of {@link TunnelEncoder}, and the channel plumbing
 * the tunnel tests share. Buffers fed to a channel are remembered so a test can prove all were released.
 */
final class TunnelWire {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    static TunnelWire stream() {
        return new TunnelWire();
    }

    TunnelWire u32(long value) {
        bytes.write((int) (value >>> 24));
        bytes.write((int) (value >>> 16));
        bytes.write((int) (value >>> 8));
        bytes.write((int) value);
        return this;
    }

    TunnelWire raw(byte[] data) {
        bytes.writeBytes(data);
        return this;
    }

    /** A block: its u32 length, then its bytes. */
    TunnelWire block(byte[] data) {
        return u32(data.length).raw(data);
    }

    /** A whole batch: the count, then each block. */
    TunnelWire batch(byte[]... blocks) {
        u32(blocks.length);
        for (byte[] block : blocks) {
            block(block);
        }
        return this;
    }

    TunnelWire keepAlive(int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 0xA5);
        return u32(0xFFFF_FFFFL).u32(size).raw(payload);
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /** An Ethernet-looking frame of {@code length} bytes whose content depends on {@code seed}. */
    static byte[] frame(int length, int seed) {
        byte[] frame = new byte[length];
        for (int i = 0; i < length; i++) {
            frame[i] = (byte) (i * 31 + seed * 7 + (i >> 3));
        }
        if (length >= 14) {
            frame[12] = 0x08; // ethertype IPv4
            frame[13] = 0x00;
        }
        return frame;
    }

    /** What zlib's {@code compress2} makes at {@code level}: an RFC 1950 stream, via the JDK's zlib. */
    static byte[] zlib(byte[] data, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static byte[] zlib(byte[] data) {
        return zlib(data, Deflater.DEFAULT_COMPRESSION);
    }

    /** Feeds chunks to a decoder channel and remembers every buffer for {@link #assertAllReleased}. */
    static final class Feed {
        private final EmbeddedChannel channel;
        private final List<ByteBuf> fed = new ArrayList<>();

        Feed(EmbeddedChannel channel) {
            this.channel = channel;
        }

        Feed write(byte[] chunk) {
            ByteBuf buf = Unpooled.copiedBuffer(chunk);
            fed.add(buf);
            channel.writeInbound(buf);
            return this;
        }

        Feed writeOneByteAtATime(byte[] stream) {
            for (byte b : stream) {
                write(new byte[] {b});
            }
            return this;
        }

        /** Everything the decoder has emitted so far, in order. */
        List<Object> received() {
            List<Object> out = new ArrayList<>();
            Object msg;
            while ((msg = channel.readInbound()) != null) {
                out.add(msg);
            }
            return out;
        }

        boolean allReleased() {
            return fed.stream().allMatch(buf -> buf.refCnt() == 0);
        }
    }
}
