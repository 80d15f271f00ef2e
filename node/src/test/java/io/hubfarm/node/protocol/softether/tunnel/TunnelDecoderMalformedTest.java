package io.hubfarm.node.protocol.softether.tunnel;

import static io.hubfarm.node.protocol.softether.tunnel.TunnelWire.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * One test per way a plain tunnel stream can be wrong (spec §6.1, and SoftEther's receive state
 * machine in Cedar/Connection.c): a violation throws and silences the decoder; anything else is a
 * dropped frame and the stream goes on. Compressed blocks have their own {@link TunnelCompressionTest}.
 */
class TunnelDecoderMalformedTest {

    private final byte[] next = frame(60, 5);
    private final TunnelDecoder decoder = new TunnelDecoder(false);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);
    private final TunnelWire.Feed feed = new TunnelWire.Feed(channel);

    @Test
    void blockOverTheLimitIsAViolationAndLaterInputIsIgnored() {
        byte[] oversize = new byte[TunnelLimits.MAX_BLOCK_SIZE + 1];

        assertThatThrownBy(() -> feed.write(TunnelWire.stream().batch(oversize).toByteArray()))
                .isInstanceOf(TunnelFormatException.class)
                .hasMessage("block of 3201 bytes exceeds 3200");

        feed.write(TunnelWire.stream().batch(next).keepAlive(10).toByteArray());
        assertThat(feed.received()).isEmpty();
        assertThat(decoder.droppedFrames()).isZero();
        assertThat(feed.allReleased()).isTrue();
    }

    @Test
    void blockLengthIsReadUnsigned() {
        assertThatThrownBy(() -> feed.write(TunnelWire.stream().u32(1).u32(0xFFFF_FFFFL).toByteArray()))
                .isInstanceOf(TunnelFormatException.class)
                .hasMessage("block of 4294967295 bytes exceeds 3200");
    }

    @Test
    void violationIsRaisedOnTheLengthFieldWithoutWaitingForTheBody() {
        // Only the length has arrived: the decoder must not wait for (and buffer) 3201 bytes first.
        assertThatThrownBy(() -> feed.write(TunnelWire.stream().u32(1).u32(3201).toByteArray()))
                .isInstanceOf(TunnelFormatException.class);
    }

    @Test
    void framesBeforeAViolationInTheSameReadAreDelivered() {
        byte[] stream = TunnelWire.stream().batch(next).keepAlive(3).u32(1).u32(5000).toByteArray();

        assertThatThrownBy(() -> feed.write(stream)).isInstanceOf(TunnelFormatException.class);

        assertThat(feed.received()).containsExactly(next, TunnelKeepAlive.INSTANCE);
    }

    @Test
    void keepAliveOverTheLimitIsAViolation() {
        assertThatThrownBy(() -> feed.write(TunnelWire.stream().keepAlive(513).toByteArray()))
                .isInstanceOf(TunnelFormatException.class)
                .hasMessage("keep-alive of 513 bytes exceeds 512");

        feed.write(TunnelWire.stream().batch(next).toByteArray());
        assertThat(feed.received()).isEmpty();
        assertThat(feed.allReleased()).isTrue();
    }

    @Test
    void keepAliveLengthIsReadUnsigned() {
        assertThatThrownBy(() -> feed.write(TunnelWire.stream().u32(0xFFFF_FFFFL).u32(0x8000_0000L).toByteArray()))
                .isInstanceOf(TunnelFormatException.class)
                .hasMessage("keep-alive of 2147483648 bytes exceeds 512");
    }

    @Test
    void blockLongerThanAFrameButWithinTheBlockLimitIsDropped() {
        // Connection.c frees a block over MAX_PACKET_SIZE and reads on: not worth a disconnect.
        feed.write(TunnelWire.stream()
                .batch(new byte[TunnelLimits.MAX_FRAME_SIZE + 1], new byte[TunnelLimits.MAX_BLOCK_SIZE], next)
                .toByteArray());

        assertThat(feed.received()).containsExactly(next);
        assertThat(decoder.droppedFrames()).isEqualTo(2);
    }

    @Test
    void frameShorterThanAMacHeaderIsDropped() {
        feed.write(TunnelWire.stream().batch(frame(13, 1), frame(1, 2), next).toByteArray());

        assertThat(feed.received()).containsExactly(next);
        assertThat(decoder.droppedFrames()).isEqualTo(2);
    }

    @Test
    void emptyBlockIsDroppedAndTheBatchGoesOn() {
        // Connection.c skips a 0-length block and counts it against the batch.
        feed.write(TunnelWire.stream().batch(new byte[0], next).batch(new byte[0]).batch(next).toByteArray());

        assertThat(feed.received()).containsExactly(next, next);
        assertThat(decoder.droppedFrames()).isEqualTo(2);
    }

    @Test
    void channelClosedMidBlockEmitsNothingPartialAndLeaksNothing() {
        byte[] stream = TunnelWire.stream().batch(next, frame(1500, 6)).toByteArray();

        feed.write(Arrays.copyOf(stream, 4 + 4 + next.length + 4 + 700));
        assertThat(feed.received()).containsExactly(next);

        assertThat(channel.finish()).isFalse();
        assertThat(feed.received()).isEmpty();
        assertThat(feed.allReleased()).isTrue();
    }

    @Test
    void channelClosedMidKeepAliveEmitsNoKeepAlive() {
        byte[] stream = TunnelWire.stream().keepAlive(400).toByteArray();

        feed.writeOneByteAtATime(Arrays.copyOf(stream, 200));

        assertThat(channel.finish()).isFalse();
        assertThat(feed.received()).isEmpty();
        assertThat(feed.allReleased()).isTrue();
    }

    @Test
    void channelClosedInsideALengthFieldLeaksNothing() {
        feed.write(new byte[] {0, 0});

        assertThat(channel.finish()).isFalse();
        assertThat(feed.allReleased()).isTrue();
    }
}
