package io.hubfarm.node.protocol.softether.tunnel;

import static io.hubfarm.node.protocol.softether.tunnel.TunnelWire.frame;
import static io.hubfarm.node.protocol.softether.tunnel.TunnelWire.zlib;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compressed blocks (spec §4.1 {@code use_compress}, §6.1). The real peer uses zlib's
 * {@code compress2}/{@code uncompress} (Mayaqua/Memory.c), i.e. plain RFC 1950 streams, which the
 * JDK's {@link Deflater}/{@link Inflater} make and read too: interop is shown both ways against them.
 * Where SoftEther's {@code uncompress} fails, the block becomes 0 bytes and its hub drops it, so every
 * bad compressed block here is a dropped frame, never a violation. The timeout turns a regression in
 * the inflate loop (spinning on a truncated stream) into a failure instead of a hung build.
 */
@Timeout(30)
class TunnelCompressionTest {

    private final byte[] next = frame(98, 4);
    private final TunnelDecoder decoder = new TunnelDecoder(true);
    private final TunnelWire.Feed feed = new TunnelWire.Feed(new EmbeddedChannel(decoder));

    private void assertDroppedThenNextArrives(byte[] badBlock) {
        feed.write(TunnelWire.stream().batch(badBlock).batch(zlib(next)).toByteArray());

        assertThat(feed.received()).containsExactly(next);
        assertThat(decoder.droppedFrames()).isEqualTo(1);
        assertThat(feed.allReleased()).isTrue();
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {Deflater.DEFAULT_COMPRESSION, Deflater.NO_COMPRESSION, Deflater.BEST_SPEED, Deflater.BEST_COMPRESSION})
    void decoderReadsStandardZlibAtAnyLevel(int level) {
        byte[] frame = frame(1514, 7);

        feed.write(TunnelWire.stream().batch(zlib(frame, level)).toByteArray());

        assertThat(feed.received()).containsExactly(frame);
    }

    @Test
    void encoderWritesWhatStandardZlibWritesAtTheDefaultLevel() throws DataFormatException {
        byte[] frame = frame(1514, 8);
        EmbeddedChannel encoder = new EmbeddedChannel(new TunnelEncoder(true, new SplittableRandom(2)));
        encoder.writeOutbound(TunnelBatch.of(frame));
        ByteBuf out = encoder.readOutbound();

        assertThat(out.readInt()).isEqualTo(1);
        byte[] block = new byte[out.readInt()];
        out.readBytes(block);
        assertThat(out.isReadable()).isFalse();
        out.release();

        // Byte for byte what compress2(Z_DEFAULT_COMPRESSION) makes: zlib header 78 9C, default level.
        assertThat(block).isEqualTo(zlib(frame));
        assertThat(Arrays.copyOf(block, 2)).containsExactly(0x78, 0x9C);
        Inflater inflater = new Inflater();
        inflater.setInput(block);
        byte[] inflated = new byte[2000];
        int length = inflater.inflate(inflated);
        assertThat(inflater.finished()).isTrue();
        inflater.end();
        assertThat(Arrays.copyOf(inflated, length)).isEqualTo(frame);
    }

    @Test
    void frameThatInflatesToExactlyTheLimitIsAccepted() {
        byte[] largest = frame(TunnelLimits.MAX_FRAME_SIZE, 3);

        feed.write(TunnelWire.stream().batch(zlib(largest)).toByteArray());

        assertThat(feed.received()).containsExactly(largest);
    }

    @Test
    void blockThatInflatesPastTheLimitIsDropped() {
        assertDroppedThenNextArrives(zlib(frame(TunnelLimits.MAX_FRAME_SIZE + 1, 3)));
    }

    @Test
    void zipBombIsDroppedCheaply() {
        // About 3 MB of zeros in under 3200 bytes: the decoder must stop at 1601 bytes of output.
        byte[] bomb = zlib(new byte[3_000_000], Deflater.BEST_COMPRESSION);
        assertThat(bomb.length).isLessThanOrEqualTo(TunnelLimits.MAX_BLOCK_SIZE);

        assertDroppedThenNextArrives(bomb);
    }

    @Test
    void wrongChecksumIsDropped() {
        byte[] block = zlib(frame(200, 1));
        block[block.length - 1] ^= 0x01; // the last byte of the Adler-32 trailer

        assertDroppedThenNextArrives(block);
    }

    @Test
    void corruptDeflateDataIsDropped() {
        byte[] block = zlib(frame(200, 1));
        for (int i = 2; i < block.length - 4; i++) {
            block[i] = (byte) 0xFF;
        }

        assertDroppedThenNextArrives(block);
    }

    @Test
    void notZlibAtAllIsDropped() {
        assertDroppedThenNextArrives(frame(200, 1)); // a plain frame where a compressed one belongs
    }

    @Test
    void rawDeflateWithoutTheZlibWrapperIsDropped() {
        byte[] frame = frame(200, 1);
        Deflater raw = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        raw.setInput(frame);
        raw.finish();
        byte[] buffer = new byte[400];
        int length = raw.deflate(buffer);
        raw.end();

        assertDroppedThenNextArrives(Arrays.copyOf(buffer, length));
    }

    @Test
    void truncatedStreamIsDropped() {
        byte[] block = zlib(frame(200, 1));

        assertDroppedThenNextArrives(Arrays.copyOf(block, block.length - 5));
    }

    @Test
    void streamThatNeedsAPresetDictionaryIsDropped() {
        Deflater deflater = new Deflater();
        deflater.setDictionary(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        deflater.setInput(frame(200, 1));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[512];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();

        assertDroppedThenNextArrives(out.toByteArray());
    }

    @Test
    void bytesAfterTheEndOfTheStreamAreIgnoredAsUncompressDoes() {
        byte[] frame = frame(200, 1);
        byte[] block = TunnelWire.stream().raw(zlib(frame)).raw(new byte[] {9, 9, 9}).toByteArray();

        feed.write(TunnelWire.stream().batch(block).toByteArray());

        assertThat(feed.received()).containsExactly(frame);
        assertThat(decoder.droppedFrames()).isZero();
    }

    @Test
    void streamOfAFrameShorterThanAMacHeaderIsDropped() {
        assertDroppedThenNextArrives(zlib(frame(13, 1)));
    }

    @Test
    void streamOfNothingIsDropped() {
        assertDroppedThenNextArrives(zlib(new byte[0]));
    }

    @Test
    void emptyBlockIsDropped() {
        assertDroppedThenNextArrives(new byte[0]);
    }
}
