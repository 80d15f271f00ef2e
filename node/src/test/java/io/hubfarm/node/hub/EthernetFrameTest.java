package io.hubfarm.node.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EthernetFrameTest {

    @Test
    void readsBothAddressesAsFortyEightBitNumbers() {
        EthernetFrame frame = Frames.frame(0x5E0053123456L, 0x02FFFEFDFCFBL);

        assertThat(frame.source()).isEqualTo(0x5E0053123456L);
        assertThat(frame.destination()).isEqualTo(0x02FFFEFDFCFBL);
        assertThat(frame.length()).isEqualTo(60);
    }

    @Test
    void sharesTheArrayItWraps() {
        byte[] bytes = new byte[14];

        assertThat(EthernetFrame.wrap(bytes).bytes()).isSameAs(bytes);
    }

    @Test
    void theIgBitMakesAGroupDestination() {
        assertThat(Frames.frame(0x020000000001L, MacAddress.BROADCAST).isGroupDestination()).isTrue();
        assertThat(Frames.frame(0x020000000001L, 0x01005E000001L).isGroupDestination()).isTrue(); // IPv4 multicast
        assertThat(Frames.frame(0x020000000001L, 0x333300000001L).isGroupDestination()).isTrue(); // IPv6 multicast
        assertThat(Frames.frame(0x020000000001L, 0x020000000002L).isGroupDestination()).isFalse();
    }

    @Test
    void readsTheVlanIdOfATaggedFrameOnly() {
        assertThat(Frames.tagged(0x020000000001L, 0x020000000002L, 4094).vlanId()).isEqualTo(4094);
        assertThat(Frames.tagged(0x020000000001L, 0x020000000002L, 5).vlanId()).isEqualTo(5);
        assertThat(Frames.frame(0x020000000001L, 0x020000000002L).vlanId()).isZero();
    }

    @Test
    void refusesWhatCannotBeAFrame() {
        assertThatThrownBy(() -> EthernetFrame.wrap(new byte[13]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an Ethernet frame has 14 to 1600 bytes, not 13");
        assertThatThrownBy(() -> EthernetFrame.wrap(new byte[1601]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an Ethernet frame has 14 to 1600 bytes, not 1601");
        assertThat(EthernetFrame.wrap(new byte[1518]).length()).isEqualTo(1518);
    }

    @Test
    void formatsAndParsesMacAddresses() {
        assertThat(MacAddress.format(0x5E0053123456L)).isEqualTo("5e:00:53:12:34:56");
        assertThat(MacAddress.format(MacAddress.BROADCAST)).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(MacAddress.parse("5e:00:53:12:34:56")).isEqualTo(0x5E0053123456L);
        assertThat(MacAddress.parse("5E-00-53-12-34-56")).isEqualTo(0x5E0053123456L);
        assertThatThrownBy(() -> MacAddress.parse("5e:00:53:12:34")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MacAddress.parse("5e:00:53:12:34:5g")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MacAddress.parse("5e:00:53.12:34:56")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAnIndividualAddressOtherThanTheDestinationMaySend() {
        long a = 0x020000000001L;
        long b = 0x020000000002L;
        assertThat(MacAddress.isUsableSource(a, b)).isTrue();
        assertThat(MacAddress.isUsableSource(0, b)).isFalse();
        assertThat(MacAddress.isUsableSource(MacAddress.BROADCAST, b)).isFalse();
        assertThat(MacAddress.isUsableSource(0x01005E000001L, b)).isFalse();
        assertThat(MacAddress.isUsableSource(a, a)).isFalse();
    }
}
