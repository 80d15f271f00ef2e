package io.hubfarm.node.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.node.time.ManualNodeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VirtualHubTest {
    private final ManualNodeClock clock = new ManualNodeClock();
    private final VirtualHub hub = new VirtualHub("TEST", new HubLimits(4, Duration.ofSeconds(600)), clock);

    static class Port implements HubPort {
        final String name;
        final List<EthernetFrame> received = new CopyOnWriteArrayList<>();
        final AtomicInteger stopped = new AtomicInteger();

        Port(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public void deliver(EthernetFrame frame) {
            received.add(frame);
        }

        public void hubStopped() {
            stopped.incrementAndGet();
        }
    }

    static EthernetFrame frame(long destination, long source, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (destination >>> (40 - 8 * i));
            b[6 + i] = (byte) (source >>> (40 - 8 * i));
        }
        b[12] = 0x08;
        return EthernetFrame.wrap(b);
    }

    static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
    static final long MULTICAST = 0x0100_5E00_0001L;
    static final long A = 0x0200_0000_000AL;
    static final long B = 0x0200_0000_000BL;
    static final long C = 0x0200_0000_000CL;

    @Test
    void floodsBroadcastMulticastAndUnknownUnicastToEveryOtherMember() {
        Port a = new Port("a");
        Port b = new Port("b");
        Port c = new Port("c");
        HubMember ma = hub.attach(a);
        hub.attach(b);
        hub.attach(c);
        ma.forward(frame(BROADCAST, A, 60));
        ma.forward(frame(MULTICAST, A, 60));
        ma.forward(frame(B, A, 60));
        assertThat(b.received).hasSize(3);
        assertThat(c.received).hasSize(3);
        assertThat(a.received).as("never back to the sender").isEmpty();
    }

    @Test
    void learnsSourcesAndSendsKnownUnicastOnlyToItsMember() {
        Port a = new Port("a");
        Port b = new Port("b");
        Port c = new Port("c");
        HubMember ma = hub.attach(a);
        HubMember mb = hub.attach(b);
        hub.attach(c);
        mb.forward(frame(BROADCAST, B, 60));
        c.received.clear();
        ma.forward(frame(B, A, 100));
        assertThat(b.received).hasSize(1);
        assertThat(c.received).isEmpty();
        assertThat(hub.macTableSize()).isEqualTo(2);
    }

    @Test
    void aFrameForTheSendersOwnAddressGoesNowhere() {
        Port a = new Port("a");
        Port b = new Port("b");
        HubMember ma = hub.attach(a);
        hub.attach(b);
        ma.forward(frame(BROADCAST, A, 60));
        b.received.clear();
        ma.forward(frame(A, A, 60));
        assertThat(a.received).isEmpty();
        assertThat(b.received).isEmpty();
    }

    @Test
    void anAddressThatMovesFollowsItsNewMember() {
        Port a = new Port("a");
        Port b = new Port("b");
        Port c = new Port("c");
        HubMember ma = hub.attach(a);
        HubMember mb = hub.attach(b);
        HubMember mc = hub.attach(c);
        ma.forward(frame(BROADCAST, C, 60));
        mb.forward(frame(BROADCAST, C, 60)); // C now appears behind b
        a.received.clear();
        b.received.clear();
        mc.forward(frame(C, A, 60));
        assertThat(b.received).hasSize(1);
        assertThat(a.received).isEmpty();
    }

    @Test
    void agedAddressesAreFloodedAgainAndSweptAway() {
        Port a = new Port("a");
        Port b = new Port("b");
        Port c = new Port("c");
        HubMember ma = hub.attach(a);
        HubMember mb = hub.attach(b);
        hub.attach(c);
        mb.forward(frame(BROADCAST, B, 60));
        clock.advance(Duration.ofSeconds(599));
        c.received.clear();
        ma.forward(frame(B, A, 60));
        assertThat(c.received).as("still learned at 599 s").isEmpty();
        clock.advance(Duration.ofSeconds(600));
        ma.forward(frame(B, A, 60));
        assertThat(c.received).as("aged out: flooded").hasSize(1);
        assertThat(hub.macTableSize()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(600));
        hub.sweep();
        assertThat(hub.macTableSize()).isZero();
    }

    @Test
    void learnsNoMoreThanTheLimitAndFloodsTheRest() {
        Port a = new Port("a");
        Port b = new Port("b");
        HubMember ma = hub.attach(a);
        hub.attach(b);
        for (long mac = 1; mac <= 10; mac++) {
            ma.forward(frame(BROADCAST, 0x0200_0000_1000L + mac, 60));
        }
        assertThat(hub.macTableSize()).isEqualTo(4);
        b.received.clear();
        // an unlearned address behind a is flooded, including to b
        hub.members().get(1).forward(frame(0x0200_0000_100AL, B, 60));
        assertThat(a.received).hasSize(1);
    }

    @Test
    void detachingForgetsTheMembersAddresses() {
        Port a = new Port("a");
        Port b = new Port("b");
        HubMember ma = hub.attach(a);
        HubMember mb = hub.attach(b);
        ma.forward(frame(BROADCAST, A, 60));
        ma.detach();
        ma.detach();
        assertThat(hub.macTableSize()).isZero();
        assertThat(hub.members()).containsExactly(mb);
        b.received.clear();
        ma.forward(frame(BROADCAST, A, 60));
        assertThat(b.received).as("a detached member forwards nothing").isEmpty();
    }

    @Test
    void countsTrafficPerMemberAndPerHub() {
        Port a = new Port("a");
        Port b = new Port("b");
        Port c = new Port("c");
        HubMember ma = hub.attach(a);
        HubMember mb = hub.attach(b);
        hub.attach(c);
        ma.forward(frame(BROADCAST, A, 100)); // to b and c
        mb.forward(frame(A, B, 200)); // to a only
        TrafficCounters fromA = ma.counters();
        assertThat(fromA.receivedBroadcastFrames()).isEqualTo(1);
        assertThat(fromA.receivedBroadcastBytes()).isEqualTo(100);
        assertThat(fromA.sentUnicastFrames()).isEqualTo(1);
        assertThat(fromA.sentUnicastBytes()).isEqualTo(200);
        assertThat(mb.counters().sentBroadcastBytes()).isEqualTo(100);
        TrafficCounters total = hub.counters();
        assertThat(total.receivedBytes()).isEqualTo(300);
        assertThat(total.sentBytes()).isEqualTo(100 + 100 + 200);
    }

    @Test
    void stoppingTellsEveryPortOnceAndTakesNoNewMembers() {
        Port a = new Port("a");
        Port b = new Port("b");
        hub.attach(a);
        hub.attach(b);
        hub.stop();
        hub.stop();
        assertThat(a.stopped).hasValue(1);
        assertThat(b.stopped).hasValue(1);
        assertThat(hub.members()).isEmpty();
        assertThatThrownBy(() -> hub.attach(new Port("late"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentForwardingKeepsExactCounts() throws Exception {
        VirtualHub big = new VirtualHub("BIG", HubLimits.DEFAULT, clock);
        Port sink = new Port("sink") {
            final AtomicInteger n = new AtomicInteger();

            @Override
            public void deliver(EthernetFrame frame) {
                n.incrementAndGet();
            }
        };
        big.attach(sink);
        List<Thread> threads = new ArrayList<>();
        int perThread = 20_000;
        for (int t = 0; t < 4; t++) {
            HubMember m = big.attach(new Port("p" + t) {
                @Override
                public void deliver(EthernetFrame frame) {
                }
            });
            long mac = 0x0200_0000_2000L + t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    m.forward(frame(0x0200_0000_9999L, mac, 64));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(big.counters().receivedUnicastFrames()).isEqualTo(4L * perThread);
        assertThat(big.counters().receivedUnicastBytes()).isEqualTo(4L * perThread * 64);
        assertThat(big.members().getFirst().counters().sentUnicastFrames()).isEqualTo(4L * perThread);
    }
}
