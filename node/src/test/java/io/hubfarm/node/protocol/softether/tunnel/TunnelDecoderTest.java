package io.hubfarm.node.protocol.softether.tunnel;

import static io.hubfarm.node.protocol.softether.tunnel.TunnelWire.frame;
import static io.hubfarm.node.protocol.softether.tunnel.TunnelWire.zlib;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The well-formed paths of spec §6.1, through an {@link EmbeddedChannel}. */
class TunnelDecoderTest {

    private final byte[] a = frame(60, 1);
    private final byte[] b = frame(1514, 2);
    private final byte[] c = frame(14, 3);

    private static TunnelWire.Feed feed(boolean compressed) {
        return new TunnelWire.Feed(new EmbeddedChannel(new TunnelDecoder(compressed)));
    }

    /** A stream with every kind of unit: batches of one and several, a keep-alive, a zero count. */
    private byte[] mixedStream(boolean compressed) {
        return TunnelWire.stream()
                .batch(block(a, compressed), block(b, compressed), block(c, compressed))
                .keepAlive(100)
                .u32(0)
                .batch(block(a, compressed))
                .keepAlive(0)
                .toByteArray();
    }

    private static byte[] block(byte[] frame, boolean compressed) {
        return compressed ? zlib(frame) : frame;
    }

    private List<Object> expectedFromMixedStream() {
        return List.of(a, b, c, TunnelKeepAlive.INSTANCE, a, TunnelKeepAlive.INSTANCE);
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void roundTripThroughTheEncoder(boolean compressed) {
        EmbeddedChannel encoder = new EmbeddedChannel(new TunnelEncoder(compressed, new SplittableRandom(1)));
        encoder.writeOutbound(TunnelBatch.of(a), TunnelBatch.of(b, c, a), TunnelKeepAlive.INSTANCE, TunnelBatch.of(c));
        EmbeddedChannel decoder = new EmbeddedChannel(new TunnelDecoder(compressed));
        ByteBuf chunk;
        while ((chunk = encoder.readOutbound()) != null) {
            decoder.writeInbound(chunk);
        }
        List<Object> received = new TunnelWire.Feed(decoder).received();

        assertThat(received).containsExactly(a, b, c, a, TunnelKeepAlive.INSTANCE, c);
        assertThat(encoder.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void severalFramesInOneBatchArriveInOrder(boolean compressed) {
        TunnelWire.Feed feed = feed(compressed);

        feed.write(TunnelWire.stream().batch(block(a, compressed), block(b, compressed), block(c, compressed)).toByteArray());

        assertThat(feed.received()).containsExactly(a, b, c);
        assertThat(feed.allReleased()).isTrue();
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void inputFedOneByteAtATime(boolean compressed) {
        TunnelWire.Feed feed = feed(compressed);

        feed.writeOneByteAtATime(mixedStream(compressed));

        assertThat(feed.received()).containsExactlyElementsOf(expectedFromMixedStream());
        assertThat(feed.allReleased()).isTrue();
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void inputSplitAnywhereInTwo(boolean compressed) {
        byte[] stream = mixedStream(compressed);
        for (int cut = 0; cut <= stream.length; cut++) {
            TunnelWire.Feed feed = feed(compressed);
            feed.write(Arrays.copyOfRange(stream, 0, cut));
            feed.write(Arrays.copyOfRange(stream, cut, stream.length));

            assertThat(feed.received()).as("cut at %d", cut).containsExactlyElementsOf(expectedFromMixedStream());
        }
    }

    @Test
    void countZeroIsANoOp() {
        TunnelWire.Feed feed = feed(false);

        feed.write(TunnelWire.stream().u32(0).u32(0).batch(a).u32(0).toByteArray());

        assertThat(feed.received()).containsExactly(a);
    }

    @Test
    void keepAliveIsSkippedAndEmitted() {
        TunnelWire.Feed feed = feed(false);

        feed.write(TunnelWire.stream().batch(a).keepAlive(489).batch(c).toByteArray());

        assertThat(feed.received()).containsExactly(a, TunnelKeepAlive.INSTANCE, c);
    }

    @Test
    void keepAliveOfTheLargestAcceptedSize() {
        TunnelWire.Feed feed = feed(false);

        feed.write(TunnelWire.stream().keepAlive(TunnelLimits.MAX_KEEP_ALIVE_SIZE).batch(a).toByteArray());

        assertThat(feed.received()).containsExactly(TunnelKeepAlive.INSTANCE, a);
    }

    @Test
    void keepAliveIsEmittedOnlyOnceItsPayloadHasArrived() {
        TunnelWire.Feed feed = feed(false);
        byte[] keepAlive = TunnelWire.stream().keepAlive(300).toByteArray();

        feed.write(Arrays.copyOf(keepAlive, 200));
        assertThat(feed.received()).isEmpty();
        feed.write(Arrays.copyOfRange(keepAlive, 200, keepAlive.length));
        assertThat(feed.received()).containsExactly(TunnelKeepAlive.INSTANCE);
    }

    @Test
    void aHugeCountIsOnlyANumberOfBlocksStillExpected() {
        TunnelWire.Feed feed = feed(false);

        // A count near 2^32 with three blocks behind it: nothing is reserved for the rest, and the
        // blocks that did come are delivered as they come.
        feed.write(TunnelWire.stream().u32(0xFFFF_FFFEL).block(a).block(b).block(c).toByteArray());

        assertThat(feed.received()).containsExactly(a, b, c);
        // Still inside that batch: more blocks are frames, no new count is read.
        feed.write(TunnelWire.stream().block(a).toByteArray());
        assertThat(feed.received()).containsExactly(a);
    }

    @Test
    void theLargestFrameIsAccepted() {
        byte[] largest = frame(TunnelLimits.MAX_FRAME_SIZE, 9);
        TunnelWire.Feed feed = feed(false);

        feed.write(TunnelWire.stream().batch(largest).toByteArray());

        assertThat(feed.received()).containsExactly(largest);
        assertThat(feed.allReleased()).isTrue();
    }
}
