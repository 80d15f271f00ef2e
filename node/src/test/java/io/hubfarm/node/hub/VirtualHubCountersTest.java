package io.hubfarm.node.hub;

import static io.hubfarm.node.hub.Frames.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.time.ManualNodeClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Counters follow SoftEther: a member's from its port's side (Send = into the hub), the hub's from
 * the hub's side (Recv = into the hub); group destinations count as broadcast.
 */
class VirtualHubCountersTest {
    static final long MAC_A = 0x020000000001L;
    static final long MAC_B = 0x020000000002L;

    final VirtualHub hub = new VirtualHub("hub1", HubLimits.DEFAULT, new ManualNodeClock());

    @Test
    void countsBothDirectionsForMembersAndHub() {
        HubMember a = hub.attach(new RecordingPort("a"));
        HubMember b = hub.attach(new RecordingPort("b"));
        HubMember c = hub.attach(new RecordingPort("c"));

        a.forward(frame(MAC_A, MacAddress.BROADCAST, 100)); // to b and c
        b.forward(frame(MAC_B, MAC_A, 200));                // known: to a only
        a.forward(frame(MAC_A, 0x0200000000FFL, 300));      // unknown unicast: to b and c
        a.forward(frame(MAC_A, 0x01005E000001L, 400));      // multicast counts as broadcast: to b and c

        assertThat(a.counters()).isEqualTo(new TrafficCounters(
                0, 0, 200, 1,
                500, 2, 300, 1));
        assertThat(b.counters()).isEqualTo(new TrafficCounters(
                500, 2, 300, 1,
                0, 0, 200, 1));
        assertThat(c.counters()).isEqualTo(new TrafficCounters(
                500, 2, 300, 1,
                0, 0, 0, 0));
        assertThat(hub.counters()).isEqualTo(new TrafficCounters(
                500, 2, 500, 2,
                1000, 4, 800, 3));
    }

    @Test
    void theHubsCountersAreItsMembersSeenFromTheOtherSide() {
        HubMember a = hub.attach(new RecordingPort("a"));
        HubMember b = hub.attach(new RecordingPort("b"));
        a.forward(frame(MAC_A, MacAddress.BROADCAST, 80));
        b.forward(frame(MAC_B, MAC_A, 90));
        b.forward(frame(MAC_B, MAC_B, 70)); // dropped (source = destination) but received

        TrafficCounters sum = a.counters().plus(b.counters());
        TrafficCounters hubSide = hub.counters();
        assertThat(hubSide.recvBroadcastBytes()).isEqualTo(sum.sendBroadcastBytes());
        assertThat(hubSide.recvUnicastCount()).isEqualTo(sum.sendUnicastCount()).isEqualTo(2);
        assertThat(hubSide.sendUnicastBytes()).isEqualTo(sum.recvUnicastBytes()).isEqualTo(90);
        assertThat(hubSide.sendBroadcastCount()).isEqualTo(sum.recvBroadcastCount()).isEqualTo(1);
    }

    @Test
    void concurrentForwardingKeepsEveryCounterExact() throws Exception {
        int threads = 4;
        int framesPerThread = 20_000;
        List<HubMember> members = new ArrayList<>();
        List<CountingPort> ports = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            CountingPort port = new CountingPort();
            ports.add(port);
            members.add(hub.attach(port));
        }
        // Teach the hub every address first so the unicast below is switched, not flooded.
        for (int i = 0; i < threads; i++) {
            members.get(i).forward(frame(mac(i), MacAddress.BROADCAST, 64));
        }
        TrafficCounters before = hub.counters();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int me = i;
            Thread worker = Thread.ofPlatform().start(() -> {
                EthernetFrame unicast = frame(mac(me), mac((me + 1) % threads), 100);
                EthernetFrame broadcast = frame(mac(me), MacAddress.BROADCAST, 60);
                await(start);
                for (int n = 0; n < framesPerThread; n++) {
                    members.get(me).forward(n % 4 == 0 ? broadcast : unicast);
                }
            });
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }

        long broadcasts = framesPerThread / 4;
        long unicasts = framesPerThread - broadcasts;
        TrafficCounters after = hub.counters();
        assertThat(after.recvUnicastCount() - before.recvUnicastCount()).isEqualTo(threads * unicasts);
        assertThat(after.recvBroadcastCount() - before.recvBroadcastCount()).isEqualTo(threads * broadcasts);
        assertThat(after.sendUnicastBytes() - before.sendUnicastBytes()).isEqualTo(threads * unicasts * 100);
        assertThat(after.sendBroadcastCount() - before.sendBroadcastCount())
                .isEqualTo(threads * broadcasts * (threads - 1));
        for (int i = 0; i < threads; i++) {
            // Member i gets the unicast of member i-1 and the broadcasts of the three others.
            long expected = unicasts + broadcasts * (threads - 1) + (threads - 1); // + the warm-up broadcasts
            assertThat(ports.get(i).frames.get()).isEqualTo(expected);
            TrafficCounters counters = members.get(i).counters();
            assertThat(counters.recvUnicastCount()).isEqualTo(unicasts);
            assertThat(counters.recvBroadcastCount()).isEqualTo(broadcasts * (threads - 1) + (threads - 1));
            assertThat(counters.sendUnicastCount()).isEqualTo(unicasts);
            assertThat(counters.sendBroadcastCount()).isEqualTo(broadcasts + 1);
        }
    }

    static long mac(int i) {
        return 0x020000000100L + i;
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final class CountingPort implements HubPort {
        final AtomicLong frames = new AtomicLong();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void deliver(EthernetFrame frame) {
            frames.incrementAndGet();
        }

        @Override
        public void hubStopped() {
        }
    }
}
