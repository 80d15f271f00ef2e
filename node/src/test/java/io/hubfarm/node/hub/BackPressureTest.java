package io.hubfarm.node.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.time.ManualNodeClock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Back-pressure in the hub (see {@link FrameQueue}): who waits, who is let go, and when. */
class BackPressureTest {
    static final int CAPACITY = 64 * 1024;
    static final int HIGH_WATER = 16 * 1024;

    final ManualNodeClock clock = new ManualNodeClock();
    final VirtualHub hub = new VirtualHub("hub1", HubLimits.DEFAULT, clock);

    /** A port with a queue that nothing drains until the test polls it, counting pauses of its own input. */
    static final class QueuedPort implements HubPort {
        final FrameQueue queue = new FrameQueue(CAPACITY, HIGH_WATER);
        final AtomicInteger pauses = new AtomicInteger();
        final AtomicInteger resumes = new AtomicInteger();
        private final String name;

        QueuedPort(String name) {
            this.name = name;
        }

        boolean paused() {
            return pauses.get() > resumes.get();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void deliver(EthernetFrame frame) {
            queue.offer(frame);
        }

        @Override
        public FrameQueue outbound() {
            return queue;
        }

        @Override
        public void pauseInput() {
            pauses.incrementAndGet();
        }

        @Override
        public void resumeInput() {
            resumes.incrementAndGet();
        }

        @Override
        public void hubStopped() {
        }
    }

    final QueuedPort a = new QueuedPort("a");
    final QueuedPort b = new QueuedPort("b");
    final HubMember memberA = hub.attach(a);
    final HubMember memberB = hub.attach(b);

    static EthernetFrame frame(long destination, long source, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (destination >>> (40 - 8 * i));
            bytes[6 + i] = (byte) (source >>> (40 - 8 * i));
        }
        return EthernetFrame.wrap(bytes);
    }

    static final long MAC_A = 0x02_00_00_00_00_0aL;
    static final long MAC_B = 0x02_00_00_00_00_0bL;

    /** Sends unicast a -> b until a is paused; returns how many frames that took. */
    int fillUntilPaused() {
        memberB.forward(frame(MAC_A, MAC_B, 60)); // the hub learns b
        int sent = 0;
        while (!a.paused() && sent < 10_000) {
            memberA.forward(frame(MAC_B, MAC_A, 1_000));
            sent++;
        }
        return sent;
    }

    @Test
    void aUnicastSenderPausesAboveTheHighWaterMarkAndResumesBelowHalfOfIt() {
        int sent = fillUntilPaused();
        assertThat(a.paused()).isTrue();
        assertThat(b.queue.bytes()).isGreaterThan(HIGH_WATER).isLessThan(HIGH_WATER + 2 * 1_100);
        assertThat(memberA.isThrottled()).isTrue();
        assertThat(b.queue.dropped()).isZero();

        while (b.queue.bytes() >= HIGH_WATER / 2) {
            assertThat(a.paused()).as("still above the low-water mark").isTrue();
            b.queue.poll();
        }
        assertThat(a.paused()).as("resumed below the low-water mark").isFalse();
        assertThat(a.pauses.get()).isEqualTo(1);
        assertThat(sent).isPositive();
    }

    @Test
    void floodsNeverPauseTheirSenderAndAFullQueueDropsThem() {
        for (int i = 0; i < 200; i++) {
            memberA.forward(frame(0xff_ff_ff_ff_ff_ffL, MAC_A, 1_000));
        }
        assertThat(a.pauses.get()).isZero();
        assertThat(b.queue.dropped()).as("past the capacity").isPositive();
        assertThat(b.queue.bytes()).isLessThanOrEqualTo(CAPACITY);
    }

    @Test
    void aPortStalledPastTheBoundLetsItsSendersGoAndDropsInstead() {
        fillUntilPaused();
        memberA.releaseIfStalled();
        assertThat(a.paused()).as("not yet past the bound").isTrue();

        clock.advance(FrameQueue.STALL_BOUND);
        memberA.releaseIfStalled();
        assertThat(a.paused()).as("let go after the bound").isFalse();
        assertThat(b.queue.isStalled(clock.nanoTime())).isTrue();

        for (int i = 0; i < 100; i++) {
            memberA.forward(frame(MAC_B, MAC_A, 1_000));
        }
        assertThat(a.pauses.get()).as("a stalled port holds nobody").isEqualTo(1);
        assertThat(b.queue.dropped()).isPositive();

        while (b.queue.poll() != null) {
            // b recovers
        }
        assertThat(b.queue.isStalled(clock.nanoTime())).isFalse();
        memberA.forward(frame(MAC_B, MAC_A, 1_000));
        fillUntilPaused();
        assertThat(a.paused()).as("a recovered port slows its senders again").isTrue();
    }

    @Test
    void leavingTheHubLetsAWaitingSenderGo() {
        fillUntilPaused();
        memberA.detach();
        assertThat(a.paused()).isFalse();
    }

    @Test
    void realBytesAreCounted() {
        FrameQueue q = new FrameQueue(1_000, 1_000);
        int accepted = 0;
        while (q.offer(frame(MAC_B, MAC_A, 14))) {
            accepted++;
        }
        assertThat(accepted).as("14-byte frames cost their overhead too").isEqualTo(1_000 / (14 + FrameQueue.FRAME_OVERHEAD));
    }
}
