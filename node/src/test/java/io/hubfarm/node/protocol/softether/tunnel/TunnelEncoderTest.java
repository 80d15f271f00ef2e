package io.hubfarm.node.protocol.softether.tunnel;

import static io.hubfarm.node.protocol.softether.tunnel.TunnelWire.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What goes on the wire for each outbound tunnel message (spec §6.1). */
class TunnelEncoderTest {

    private static byte[] drain(EmbeddedChannel channel) {
        ByteBuf out = channel.readOutbound();
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    @Test
    void plainBatchIsTheCountThenEachLengthAndFrame() {
        byte[] first = frame(14, 1);
        byte[] second = frame(60, 2);
        EmbeddedChannel channel = new EmbeddedChannel(new TunnelEncoder(false, new SplittableRandom(1)));

        channel.writeOutbound(TunnelBatch.of(first, second));

        assertThat(drain(channel)).isEqualTo(TunnelWire.stream().batch(first, second).toByteArray());
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void keepAliveLengthStaysBelowTheLimitAndCoversTheRange() {
        EmbeddedChannel encoder = new EmbeddedChannel(new TunnelEncoder(false, new SplittableRandom(42)));
        EmbeddedChannel decoder = new EmbeddedChannel(new TunnelDecoder(false));
        int samples = 20_000;
        int smallest = Integer.MAX_VALUE;
        int largest = Integer.MIN_VALUE;
        for (int i = 0; i < samples; i++) {
            encoder.writeOutbound(TunnelKeepAlive.INSTANCE);
            ByteBuf out = encoder.readOutbound();
            assertThat(out.getInt(0)).isEqualTo(0xFFFF_FFFF);
            int size = out.getInt(4);
            assertThat(size).isBetween(0, TunnelLimits.MAX_KEEP_ALIVE_SIZE - 1);
            assertThat(out.readableBytes()).isEqualTo(8 + size);
            smallest = Math.min(smallest, size);
            largest = Math.max(largest, size);
            decoder.writeInbound(out);
        }

        // SoftEther sends rand() % 512: every length from 0 to 511 is possible, 512 never is.
        assertThat(smallest).isZero();
        assertThat(largest).isEqualTo(TunnelLimits.MAX_KEEP_ALIVE_SIZE - 1);
        List<Object> received = new ArrayList<>();
        Object msg;
        while ((msg = decoder.readInbound()) != null) {
            received.add(msg);
        }
        assertThat(received).hasSize(samples).containsOnly(TunnelKeepAlive.INSTANCE);
    }

    @Test
    void keepAlivePayloadIsRandom() {
        EmbeddedChannel channel = new EmbeddedChannel(new TunnelEncoder(false, new SplittableRandom(7)));
        byte[] previous = null;
        for (int i = 0; i < 5; i++) {
            channel.writeOutbound(TunnelKeepAlive.INSTANCE);
            byte[] keepAlive = drain(channel);
            assertThat(keepAlive).isNotEqualTo(previous);
            previous = keepAlive;
        }
    }

    @Test
    void otherMessagesPassThroughUntouched() {
        EmbeddedChannel channel = new EmbeddedChannel(new TunnelEncoder(false, new SplittableRandom(1)));

        channel.writeOutbound("not ours");

        assertThat((Object) channel.readOutbound()).isEqualTo("not ours");
    }

    @Test
    void batchRejectsAFrameOverTheLimit() {
        byte[] ok = frame(60, 1);
        byte[] oversize = frame(TunnelLimits.MAX_FRAME_SIZE + 1, 2);

        assertThatThrownBy(() -> TunnelBatch.of(ok, oversize))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame 1 of the batch is 1601 bytes; a tunnel frame is 14 to 1600 bytes");
    }

    @Test
    void batchRejectsAFrameShorterThanAMacHeader() {
        assertThatThrownBy(() -> TunnelBatch.of(frame(13, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame 0 of the batch is 13 bytes; a tunnel frame is 14 to 1600 bytes");
    }

    @Test
    void batchRejectsNoFrames() {
        assertThatThrownBy(TunnelBatch::of)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a tunnel batch holds at least one frame");
    }

    @Test
    void batchKeepsItsOwnListOfFrames() {
        List<byte[]> frames = new ArrayList<>(List.of(frame(60, 1)));
        TunnelBatch batch = new TunnelBatch(frames);

        frames.add(frame(60, 2));

        assertThat(batch.frames()).hasSize(1);
        assertThatThrownBy(() -> batch.frames().add(frame(60, 3))).isInstanceOf(UnsupportedOperationException.class);
    }
}
