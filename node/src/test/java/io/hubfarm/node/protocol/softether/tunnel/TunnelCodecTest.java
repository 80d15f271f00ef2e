package io.hubfarm.node.protocol.softether.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class TunnelCodecTest {
    private static byte[] frame(int length, int seed) {
        byte[] f = new byte[length];
        new Random(seed).nextBytes(f);
        return f;
    }

    private static List<Object> decode(boolean compressed, byte[] wire) {
        EmbeddedChannel ch = new EmbeddedChannel(new TunnelDecoder(compressed));
        ch.writeInbound(Unpooled.wrappedBuffer(wire));
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }

    private static byte[] encode(boolean compressed, Object... messages) {
        EmbeddedChannel ch = new EmbeddedChannel(new TunnelEncoder(compressed, new Random(1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object m : messages) {
            ch.writeOutbound(m);
        }
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] wire(int... words) {
        ByteBuf b = Unpooled.buffer();
        for (int w : words) {
            b.writeInt(w);
        }
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void roundTripsBatchesAndKeepAlivesPlainAndCompressed() {
        for (boolean compressed : new boolean[] {false, true}) {
            byte[] f1 = frame(60, 1);
            byte[] f2 = frame(1514, 2);
            byte[] f3 = new byte[1000]; // compresses well
            List<Object> got = decode(compressed, encode(compressed, new TunnelBatch(List.of(f1, f2)),
                    TunnelKeepAlive.INSTANCE, new TunnelBatch(List.of(f3))));
            assertThat(got).hasSize(4);
            assertThat((byte[]) got.get(0)).isEqualTo(f1);
            assertThat((byte[]) got.get(1)).isEqualTo(f2);
            assertThat(got.get(2)).isEqualTo(TunnelKeepAlive.INSTANCE);
            assertThat((byte[]) got.get(3)).isEqualTo(f3);
        }
    }

    @Test
    void acceptsInputSplitAtEveryByte() {
        byte[] f = frame(100, 3);
        byte[] wire = encode(false, TunnelKeepAlive.INSTANCE, new TunnelBatch(List.of(f, f)));
        EmbeddedChannel ch = new EmbeddedChannel(new TunnelDecoder(false));
        for (byte b : wire) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(ch.<Object>readInbound()).isEqualTo(TunnelKeepAlive.INSTANCE);
        assertThat((byte[]) ch.readInbound()).isEqualTo(f);
        assertThat((byte[]) ch.readInbound()).isEqualTo(f);
        assertThat(ch.<Object>readInbound()).isNull();
    }

    @Test
    void aCountOfZeroIsANoOp() {
        byte[] f = frame(60, 4);
        assertThat(decode(false, concat(wire(0, 0), wire(1, 60), f))).hasSize(1);
    }

    @Test
    void anOversizeBlockIsAViolationAndLaterInputIsIgnored() {
        EmbeddedChannel ch = new EmbeddedChannel(new TunnelDecoder(false));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(wire(1, 3201))))
                .isInstanceOf(TunnelFormatException.class).hasMessageContaining("3201").hasMessageContaining("3200");
        ch.writeInbound(Unpooled.wrappedBuffer(concat(wire(1, 60), frame(60, 5))));
        assertThat(ch.<Object>readInbound()).isNull();
    }

    @Test
    void aBlockAtTheLimitIsReadButItsFrameDropped() {
        TunnelDecoder decoder = new TunnelDecoder(false);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(concat(wire(2, 3200), frame(3200, 6), wire(60), frame(60, 7))));
        assertThat((byte[]) ch.readInbound()).hasSize(60);
        assertThat(decoder.droppedFrames()).isEqualTo(1);
    }

    @Test
    void anOversizeKeepAliveIsAViolation() {
        EmbeddedChannel ch = new EmbeddedChannel(new TunnelDecoder(false));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(wire(0xFFFFFFFF, 513))))
                .isInstanceOf(TunnelFormatException.class).hasMessageContaining("513");
        assertThat(decode(false, concat(wire(0xFFFFFFFF, 512), new byte[512]))).containsExactly(TunnelKeepAlive.INSTANCE);
    }

    @Test
    void truncatedInputEmitsNothingPartialAndLeaksNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(new TunnelDecoder(false));
        ByteBuf in = Unpooled.wrappedBuffer(concat(wire(1, 100), frame(50, 8)));
        ch.writeInbound(in);
        assertThat(ch.<Object>readInbound()).isNull();
        ch.finishAndReleaseAll();
        assertThat(in.refCnt()).isZero();
    }

    @Test
    void tooShortFramesAreDropped() {
        TunnelDecoder decoder = new TunnelDecoder(false);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(concat(wire(3, 0), wire(13), frame(13, 9), wire(14), frame(14, 10))));
        assertThat((byte[]) ch.readInbound()).hasSize(14);
        assertThat(ch.<Object>readInbound()).isNull();
        assertThat(decoder.droppedFrames()).isEqualTo(2);
    }

    @Test
    void compressedBlocksThatInflatePastTheFrameLimitOrAreCorruptAreDropped() {
        byte[] bomb = deflate(new byte[100_000]);
        assertThat(bomb.length).isLessThan(3200);
        byte[] corrupt = {0x78, (byte) 0x9c, 1, 2, 3, 4, 5, 6};
        byte[] ok = frame(100, 11);
        byte[] okDeflated = deflate(ok);
        TunnelDecoder decoder = new TunnelDecoder(true);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(concat(wire(3, bomb.length), bomb, wire(corrupt.length), corrupt,
                wire(okDeflated.length), okDeflated)));
        assertThat((byte[]) ch.readInbound()).isEqualTo(ok);
        assertThat(decoder.droppedFrames()).isEqualTo(2);
    }

    @Test
    void compressedBlocksAreStandardZlibBothWays() throws Exception {
        byte[] f = frame(1400, 12);
        assertThat(decode(true, concat(wire(1, deflate(f).length), deflate(f)))).singleElement()
                .satisfies(o -> assertThat((byte[]) o).isEqualTo(f));
        byte[] wire = encode(true, new TunnelBatch(List.of(f)));
        ByteBuf b = Unpooled.wrappedBuffer(wire);
        assertThat(b.readInt()).isEqualTo(1);
        byte[] block = new byte[b.readInt()];
        b.readBytes(block);
        Inflater inflater = new Inflater();
        inflater.setInput(block);
        byte[] out = new byte[2000];
        int n = inflater.inflate(out);
        assertThat(inflater.finished()).isTrue();
        assertThat(java.util.Arrays.copyOf(out, n)).isEqualTo(f);
    }

    @Test
    void keepAlivesCarryUnder512BytesAndFollowTheSchedule() {
        for (int i = 0; i < 200; i++) {
            ByteBuf b = Unpooled.wrappedBuffer(encode(false, TunnelKeepAlive.INSTANCE));
            assertThat(b.readInt()).isEqualTo(0xFFFFFFFF);
            int size = b.readInt();
            assertThat(size).isBetween(0, 511);
            assertThat(b.readableBytes()).isEqualTo(size);
        }
        KeepAliveSchedule schedule = new KeepAliveSchedule(new Random(7));
        for (int i = 0; i < 1000; i++) {
            assertThat(schedule.nextDelayMillis(20_000)).isBetween(4_000L, 9_999L);
        }
    }

    @Test
    void theEncoderRefusesAFrameTheHubWouldNeverForward() {
        EmbeddedChannel ch = new EmbeddedChannel(new TunnelEncoder(false, new Random(1)));
        assertThatThrownBy(() -> ch.writeOutbound(new TunnelBatch(List.of(new byte[1601]))))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        byte[] out = new byte[data.length + 64];
        int n = d.deflate(out);
        d.end();
        return java.util.Arrays.copyOf(out, n);
    }
}
