package io.hubfarm.node.hub;

import static io.hubfarm.node.hub.Frames.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.time.ManualNodeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** At the MAC limit SoftEther drops the frame of a new source address (Cedar StorePacket). */
class VirtualHubMacLimitTest {
    final ManualNodeClock clock = new ManualNodeClock();
    final VirtualHub hub = new VirtualHub("small", new HubLimits(3, Duration.ofSeconds(60)), clock);
    final RecordingPort portA = new RecordingPort("a");
    final RecordingPort portB = new RecordingPort("b");
    final HubMember a = hub.attach(portA);
    final HubMember b = hub.attach(portB);

    @Test
    void aNewSourceInAFullTableIsDroppedWhileKnownOnesStillWork() {
        for (long mac = 1; mac <= 3; mac++) {
            a.forward(frame(0x020000000000L | mac, MacAddress.BROADCAST));
        }
        portB.take();

        a.forward(frame(0x020000000004L, MacAddress.BROADCAST));

        assertThat(portB.delivered()).as("the whole frame is dropped, not just left unlearned").isEmpty();
        assertThat(hub.macTableSize()).isEqualTo(3);
        assertThat(a.counters().sendBroadcastCount()).as("but it was received").isEqualTo(4);
        a.forward(frame(0x020000000001L, MacAddress.BROADCAST));
        assertThat(portB.delivered()).hasSize(1);
    }

    @Test
    void aFullTableMakesRoomFromAgedEntriesBeforeRefusing() {
        a.forward(frame(0x020000000001L, MacAddress.BROADCAST));
        clock.advance(Duration.ofSeconds(30));
        a.forward(frame(0x020000000002L, MacAddress.BROADCAST));
        a.forward(frame(0x020000000003L, MacAddress.BROADCAST));
        clock.advance(Duration.ofSeconds(31)); // only the first entry has aged
        portB.take();

        a.forward(frame(0x020000000004L, MacAddress.BROADCAST));
        a.forward(frame(0x020000000005L, MacAddress.BROADCAST));

        assertThat(portB.delivered()).hasSize(1);
        assertThat(portB.delivered().getFirst().source()).isEqualTo(0x020000000004L);
        assertThat(hub.macTableSize()).isEqualTo(3);
    }

    @Test
    void detachingFreesTheSlots() {
        for (long mac = 1; mac <= 3; mac++) {
            a.forward(frame(0x020000000000L | mac, MacAddress.BROADCAST));
        }
        a.detach();
        portB.take();

        b.forward(frame(0x020000000009L, MacAddress.BROADCAST));

        assertThat(hub.macTableSize()).isEqualTo(1);
    }

    @Test
    void concurrentLearningStopsExactlyAtTheLimitAndLeaksNoSlot() throws Exception {
        VirtualHub big = new VirtualHub("big", new HubLimits(1500, Duration.ofSeconds(60)), clock);
        List<HubMember> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(big.attach(new RecordingPort("p" + i)));
        }
        learnConcurrently(members);
        assertThat(big.macTableSize()).isEqualTo(1500);

        members.forEach(HubMember::detach);
        assertThat(big.macTableSize()).isZero();
        members.clear();
        for (int i = 0; i < 4; i++) {
            members.add(big.attach(new RecordingPort("q" + i)));
        }
        learnConcurrently(members);
        assertThat(big.macTableSize()).as("every slot came back").isEqualTo(1500);
    }

    /** Each member sends from 1000 addresses of its own, all members at once. */
    private static void learnConcurrently(List<HubMember> members) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(members.size());
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            HubMember member = members.get(i);
            long base = 0x020000000000L | (long) i << 16;
            workers.add(Thread.ofPlatform().start(() -> {
                VirtualHubCountersTest.await(start);
                for (int n = 0; n < 1000; n++) {
                    member.forward(frame(base | n, MacAddress.BROADCAST));
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    @Test
    void aMovingAddressNeedsNoNewSlot() {
        for (long mac = 1; mac <= 3; mac++) {
            a.forward(frame(0x020000000000L | mac, MacAddress.BROADCAST));
        }

        b.forward(frame(0x020000000002L, MacAddress.BROADCAST));

        assertThat(portA.delivered()).hasSize(1);
        assertThat(hub.macTableSize()).isEqualTo(3);
    }
}
