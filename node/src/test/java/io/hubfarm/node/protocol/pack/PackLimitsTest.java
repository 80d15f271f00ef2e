package io.hubfarm.node.protocol.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PackLimitsTest {

    @Test
    void negotiationMatchesTheRealServersHttpLimit() {
        assertThat(PackLimits.NEGOTIATION.maxTotalBytes()).isEqualTo(65_536);
        assertThat(PackLimits.NEGOTIATION.maxElements()).isEqualTo(4096);
    }

    @Test
    void adminRpcAllowsLongArrays() {
        assertThat(PackLimits.ADMIN_RPC.maxValuesPerElement()).isEqualTo(262_144);
        assertThat(PackLimits.ADMIN_RPC.maxTotalBytes()).isGreaterThan(PackLimits.NEGOTIATION.maxTotalBytes());
    }

    @Test
    void refusesLimitsOutsideSoftEthersOwn() {
        assertThatThrownBy(() -> new PackLimits(65_536, 262_145, 16, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxElements must be between 1 and 262144 (SoftEther's own limit), not 262145");
        assertThatThrownBy(() -> new PackLimits(0, 16, 16, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxTotalBytes must be between 1 and");
        assertThatThrownBy(() -> new PackLimits(16, 16, -1, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxValuesPerElement");
        assertThatThrownBy(() -> new PackLimits(16, 16, 16, Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxValueBytes");
    }

    @Test
    void anAdminSizedPackIsRefusedOnTheNegotiationChannel() {
        Pack big = Pack.builder().putData("Cert", new byte[70_000]).build();
        byte[] wire = big.encode();

        assertThat(Pack.decode(wire, PackLimits.ADMIN_RPC)).isEqualTo(big);
        assertThatThrownBy(() -> Pack.decode(wire, PackLimits.NEGOTIATION))
                .isInstanceOf(PackFormatException.class)
                .hasMessageContaining("more than the limit of 65536");
    }
}
