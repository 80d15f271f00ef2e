package io.hubfarm.node.hub;

import static io.hubfarm.node.hub.Frames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.node.time.ManualNodeClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VirtualHubSwitchingTest {
    static final long MAC_A = 0x020000000001L;
    static final long MAC_B = 0x020000000002L;
    static final long MAC_C = 0x020000000003L;
    static final long UNKNOWN = 0x0200000000FFL;

    final ManualNodeClock clock = new ManualNodeClock();
    final VirtualHub hub = new VirtualHub("hub1", HubLimits.DEFAULT, clock);
    final RecordingPort portA = new RecordingPort("a");
    final RecordingPort portB = new RecordingPort("b");
    final RecordingPort portC = new RecordingPort("c");
    HubMember a;
    HubMember b;
    HubMember c;

    @BeforeEach
    void attachThree() {
        a = hub.attach(portA);
        b = hub.attach(portB);
        c = hub.attach(portC);
    }

    @Test
    void theDefaultsAreSoftEthers() {
        assertThat(HubLimits.DEFAULT.maxMacEntries()).isEqualTo(65_536);
        assertThat(HubLimits.DEFAULT.macAgeing()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void learnsTheSourceOfEveryFrame() {
        a.forward(frame(MAC_A, MacAddress.BROADCAST));
        b.forward(frame(MAC_B, MacAddress.BROADCAST));

        assertThat(hub.macTableSize()).isEqualTo(2);
        a.forward(frame(MAC_A, UNKNOWN));
        assertThat(hub.macTableSize()).isEqualTo(2);
    }

    @Test
    void floodsBroadcastToEveryOtherMemberAsTheSameInstance() {
        EthernetFrame broadcast = frame(MAC_A, MacAddress.BROADCAST);

        a.forward(broadcast);

        assertThat(portA.delivered()).isEmpty();
        assertThat(portB.delivered()).singleElement().isSameAs(broadcast);
        assertThat(portC.delivered()).singleElement().isSameAs(broadcast);
    }

    @Test
    void floodsMulticastEvenToALearnedAddressesMember() {
        long multicast = 0x01005E0000FBL; // mDNS
        b.forward(frame(MAC_B, MacAddress.BROADCAST));
        portA.take();
        portC.take();

        a.forward(frame(MAC_A, multicast));

        assertThat(portA.delivered()).isEmpty();
        assertThat(portB.delivered()).hasSize(1);
        assertThat(portC.delivered()).hasSize(1);
    }

    @Test
    void floodsUnicastToAnUnknownAddress() {
        a.forward(frame(MAC_A, UNKNOWN));

        assertThat(portA.delivered()).isEmpty();
        assertThat(portB.delivered()).hasSize(1);
        assertThat(portC.delivered()).hasSize(1);
    }

    @Test
    void sendsKnownUnicastToItsMemberOnly() {
        b.forward(frame(MAC_B, MacAddress.BROADCAST));
        portA.take();
        portC.take();
        EthernetFrame toB = frame(MAC_A, MAC_B);

        a.forward(toB);

        assertThat(portB.delivered()).singleElement().isSameAs(toB);
        assertThat(portA.delivered()).isEmpty();
        assertThat(portC.delivered()).isEmpty();
    }

    @Test
    void neverEchoesAFrameToItsSender() {
        a.forward(frame(MAC_A, MacAddress.BROADCAST));
        a.forward(frame(MAC_C, MacAddress.BROADCAST)); // a second address behind the same port
        portB.take();
        portC.take();

        a.forward(frame(MAC_A, MAC_C));

        assertThat(portA.delivered()).isEmpty();
        assertThat(portB.delivered()).isEmpty();
        assertThat(portC.delivered()).isEmpty();
    }

    @Test
    void anAddressThatMovesFollowsItsNewMember() {
        a.forward(frame(MAC_A, MacAddress.BROADCAST));
        b.forward(frame(MAC_A, MacAddress.BROADCAST)); // the same machine now behind b
        portA.take();
        portB.take();
        portC.take();

        c.forward(frame(MAC_C, MAC_A));

        assertThat(portB.delivered()).hasSize(1);
        assertThat(portA.delivered()).isEmpty();
        assertThat(hub.macTableSize()).isEqualTo(2);
    }

    @Test
    void learnsEachVlanSeparately() {
        a.forward(Frames.tagged(MAC_A, MacAddress.BROADCAST, 10));
        portB.take();
        portC.take();

        c.forward(Frames.tagged(MAC_C, MAC_A, 20)); // MAC_A is known on VLAN 10 only

        assertThat(portA.delivered()).hasSize(1);
        assertThat(portB.delivered()).hasSize(1);
        portA.take();
        portB.take();
        c.forward(Frames.tagged(MAC_C, MAC_A, 10));
        assertThat(portA.delivered()).hasSize(1);
        assertThat(portB.delivered()).isEmpty();
    }

    @Test
    void dropsFramesFromUnusableSources() {
        a.forward(frame(0, MacAddress.BROADCAST));
        a.forward(frame(MacAddress.BROADCAST, MAC_B));
        a.forward(frame(0x01005E000001L, MAC_B));
        a.forward(frame(MAC_B, MAC_B));

        assertThat(portB.delivered()).isEmpty();
        assertThat(portC.delivered()).isEmpty();
        assertThat(hub.macTableSize()).isZero();
    }

    @Test
    void anAgedEntryIsIgnoredThenSweptAway() {
        b.forward(frame(MAC_B, MacAddress.BROADCAST));
        portA.take();
        portC.take();

        clock.advance(Duration.ofSeconds(599));
        a.forward(frame(MAC_A, MAC_B));
        assertThat(portC.take()).isEmpty();
        assertThat(hub.sweep()).isZero();

        clock.advance(Duration.ofSeconds(1));
        a.forward(frame(MAC_A, MAC_B));
        assertThat(portB.take()).hasSize(2);
        assertThat(portC.take()).as("an aged destination is flooded like an unknown one").hasSize(1);

        assertThat(hub.macTableSize()).isEqualTo(2);
        assertThat(hub.sweep()).isEqualTo(1); // MAC_B; MAC_A was just refreshed
        assertThat(hub.macTableSize()).isEqualTo(1);
    }

    @Test
    void sendingKeepsAnEntryAlive() {
        b.forward(frame(MAC_B, MacAddress.BROADCAST));
        clock.advance(Duration.ofSeconds(500));
        b.forward(frame(MAC_B, MAC_A));
        clock.advance(Duration.ofSeconds(500));
        portC.take();

        a.forward(frame(MAC_A, MAC_B));

        assertThat(portC.delivered()).isEmpty();
        assertThat(hub.sweep()).isZero();
    }

    @Test
    void detachForgetsTheMembersAddressesAndStopsDelivery() {
        b.forward(frame(MAC_B, MacAddress.BROADCAST));
        b.forward(frame(0x020000000022L, MacAddress.BROADCAST));
        a.forward(frame(MAC_A, MacAddress.BROADCAST));
        portA.take();
        portC.take();

        b.detach();
        b.detach();

        assertThat(hub.macTableSize()).isEqualTo(1);
        assertThat(hub.members()).containsExactly(a, c);
        assertThat(b.isAttached()).isFalse();
        portB.take();
        a.forward(frame(MAC_A, MAC_B));
        assertThat(portB.delivered()).isEmpty();
        assertThat(portC.delivered()).as("MAC_B is unknown again").hasSize(1);
        b.forward(frame(MAC_B, MAC_A));
        assertThat(portA.delivered()).as("a detached member's frames go nowhere").isEmpty();
        assertThat(portB.stopNotices()).isZero();
    }

    @Test
    void stopDetachesEveryMemberAndTellsEachPortOnce() {
        a.forward(frame(MAC_A, MacAddress.BROADCAST));
        c.detach();

        hub.stop();
        hub.stop();

        assertThat(portA.stopNotices()).isEqualTo(1);
        assertThat(portB.stopNotices()).isEqualTo(1);
        assertThat(portC.stopNotices()).as("it had already left").isZero();
        assertThat(hub.members()).isEmpty();
        assertThat(hub.macTableSize()).isZero();
        assertThat(a.isAttached()).isFalse();
        assertThatThrownBy(() -> hub.attach(new RecordingPort("late")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("virtual hub hub1 is stopped");
    }

    @Test
    void aPortThatThrowsDoesNotStopTheFlood() {
        HubMember broken = hub.attach(new HubPort() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void deliver(EthernetFrame frame) {
                throw new IllegalStateException("bug in a port");
            }

            @Override
            public void hubStopped() {
            }
        });

        a.forward(frame(MAC_A, MacAddress.BROADCAST));

        assertThat(portB.delivered()).hasSize(1);
        assertThat(portC.delivered()).hasSize(1);
        assertThat(broken.counters().recvBroadcastCount()).isZero();
        assertThat(hub.counters().sendBroadcastCount()).isEqualTo(2);
    }
}
