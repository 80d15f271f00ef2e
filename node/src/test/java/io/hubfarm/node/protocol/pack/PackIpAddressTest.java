package io.hubfarm.node.protocol.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** SoftEther's four-element IP encoding (spec §2, {@code PackAddIp}). */
class PackIpAddressTest {

    private static InetAddress address(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    private static Pack roundTrip(Pack pack) {
        return Pack.decode(pack.encode(), PackLimits.NEGOTIATION);
    }

    @Test
    void ipv4GoesOnTheWireWithItsBytesReversed() {
        Pack pack = Pack.builder().putIp("Ip", address("127.0.0.1")).build();

        String wire = Wire.hex(pack.encode());

        // Ip: name length 3, "Ip", type INT, one value, 01 00 00 7f.
        assertThat(wire).contains("00000003" + Wire.ascii("Ip") + "00000000" + "00000001" + "0100007f");
        assertThat(pack.findInt("Ip")).hasValue(16_777_343);
        assertThat(roundTrip(pack).findIp("Ip")).hasValue(address("127.0.0.1"));
    }

    @Test
    void ipv4WritesAllFourElementsWithZerosForIpv6() {
        Pack pack = Pack.builder().putIp("udp_acceleration_server_ip", address("192.0.2.10")).build();

        assertThat(pack.elements()).extracting(PackElement::name).containsExactly(
                "udp_acceleration_server_ip",
                "udp_acceleration_server_ip@ipv6_bool",
                "udp_acceleration_server_ip@ipv6_array",
                "udp_acceleration_server_ip@ipv6_scope_id");
        assertThat(pack.findInt("udp_acceleration_server_ip@ipv6_bool")).hasValue(0);
        assertThat(pack.findData("udp_acceleration_server_ip@ipv6_array")).hasValueSatisfying(b -> assertThat(b).isEqualTo(new byte[16]));
        assertThat(pack.findInt("udp_acceleration_server_ip@ipv6_scope_id")).hasValue(0);
        assertThat(pack.findInt("udp_acceleration_server_ip")).hasValue(0x0a0200c0);
    }

    @Test
    void ipv6RoundTrips() {
        InetAddress ipv6 = address("2001:db8::1");
        Pack pack = Pack.builder().putIp("ClientIP", ipv6).build();

        Pack decoded = roundTrip(pack);

        assertThat(decoded.findIp("ClientIP")).hasValue(ipv6);
        assertThat(decoded.findInt("ClientIP@ipv6_bool")).hasValue(1);
        assertThat(decoded.findData("ClientIP@ipv6_array")).hasValueSatisfying(b -> assertThat(b).isEqualTo(ipv6.getAddress()));
    }

    @Test
    void ipv6ScopeIdRoundTrips() throws UnknownHostException {
        Inet6Address linkLocal = Inet6Address.getByAddress(null, address("fe80::1").getAddress(), 3);
        Pack pack = Pack.builder().putIp("Ip", linkLocal).build();

        assertThat(pack.findInt("Ip@ipv6_scope_id")).hasValue(3);
        assertThat(roundTrip(pack).findIp("Ip")).hasValueSatisfying(ip -> {
            assertThat(ip).isInstanceOf(Inet6Address.class);
            assertThat(ip.getAddress()).isEqualTo(linkLocal.getAddress());
            assertThat(((Inet6Address) ip).getScopeId()).isEqualTo(3);
        });
    }

    @Test
    void aReaderNeedsOnlyTheIntWhenTheIpv6FlagIsAbsent() {
        Pack redirect = Pack.builder().putInt("Redirect", 1).putInt("Ip", 0x0100007f).build();

        assertThat(redirect.findIp("Ip")).hasValue(address("127.0.0.1"));
    }

    @Test
    void anIpv6FlagWithoutItsSixteenBytesReadsAsAbsent() {
        Pack broken = Pack.builder().putInt("Ip", 0).putBool("Ip@ipv6_bool", true).putData("Ip@ipv6_array", new byte[4]).build();

        assertThat(broken.findIp("Ip")).isEmpty();
        assertThat(broken.getIp("Ip", address("0.0.0.0"))).isEqualTo(address("0.0.0.0"));
    }

    @Test
    void anAbsentOrWronglyTypedIpReadsAsAbsent() {
        Pack pack = Pack.builder().putStr("Ip", "127.0.0.1").build();

        assertThat(pack.findIp("Ip")).isEmpty();
        assertThat(pack.findIp("Other")).isEmpty();
    }
}
