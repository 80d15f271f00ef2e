package io.hubfarm.node.protocol.pack;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * SoftEther's encoding of one IP address as four elements ({@code PackAddIp}, spec §2): for a name X,
 * {@code X} (INT, the IPv4 address), {@code X@ipv6_bool} (INT 0/1), {@code X@ipv6_array} (DATA 16)
 * and {@code X@ipv6_scope_id} (INT). All four are always written, zeros for the family not in use,
 * because peers that read one family still expect the elements of the other.
 */
final class PackIpAddress {
    private static final String IPV6_BOOL = "@ipv6_bool";
    private static final String IPV6_ARRAY = "@ipv6_array";
    private static final String IPV6_SCOPE_ID = "@ipv6_scope_id";

    private PackIpAddress() {
    }

    static void put(PackBuilder builder, String name, InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean ipv6 = address instanceof Inet6Address;
        builder.putInt(name, ipv6 ? 0 : ipv4ToWireInt(bytes));
        builder.putBool(name + IPV6_BOOL, ipv6);
        builder.putData(name + IPV6_ARRAY, ipv6 ? bytes : new byte[16]);
        builder.putInt(name + IPV6_SCOPE_ID, ipv6 ? ((Inet6Address) address).getScopeId() : 0);
    }

    /** The same four elements as arrays, one entry per address, for the rows of a list reply. */
    static void putArray(PackBuilder builder, String name, List<InetAddress> addresses) {
        int n = addresses.size();
        int[] ipv4 = new int[n];
        int[] isIpv6 = new int[n];
        int[] scopes = new int[n];
        List<byte[]> ipv6 = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            InetAddress address = addresses.get(i);
            byte[] bytes = address.getAddress();
            boolean v6 = address instanceof Inet6Address;
            ipv4[i] = v6 ? 0 : ipv4ToWireInt(bytes);
            isIpv6[i] = v6 ? 1 : 0;
            scopes[i] = v6 ? ((Inet6Address) address).getScopeId() : 0;
            ipv6.add(v6 ? bytes : new byte[16]);
        }
        builder.putIntArray(name, ipv4);
        builder.putIntArray(name + IPV6_BOOL, isIpv6);
        builder.putDataArray(name + IPV6_ARRAY, ipv6);
        builder.putIntArray(name + IPV6_SCOPE_ID, scopes);
    }

    /**
     * Present when {@code X} is an INT. When {@code X@ipv6_bool} is absent or 0 only {@code X} is read,
     * as SoftEther's reader does; when it is set, an {@code X@ipv6_array} that is missing or not 16 bytes
     * leaves the address unreadable, and it reads as absent.
     */
    static Optional<InetAddress> find(Pack pack, String name) {
        OptionalInt ipv4 = pack.findInt(name);
        if (ipv4.isEmpty()) {
            return Optional.empty();
        }
        if (!pack.getBool(name + IPV6_BOOL, false)) {
            return Optional.of(byAddress(wireIntToIpv4(ipv4.getAsInt()), 0));
        }
        return pack.findData(name + IPV6_ARRAY)
                .filter(bytes -> bytes.length == 16)
                .map(bytes -> byAddress(bytes, pack.getInt(name + IPV6_SCOPE_ID, 0)));
    }

    /**
     * SoftEther copies the four address bytes into a host-order u32 on a little-endian machine and then
     * writes it big-endian, so the bytes arrive reversed: 127.0.0.1 is sent as 01 00 00 7f.
     */
    private static int ipv4ToWireInt(byte[] address) {
        return (address[3] & 0xff) << 24 | (address[2] & 0xff) << 16 | (address[1] & 0xff) << 8 | (address[0] & 0xff);
    }

    private static byte[] wireIntToIpv4(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    private static InetAddress byAddress(byte[] bytes, int scopeId) {
        try {
            // From bytes only: never a DNS lookup.
            return scopeId != 0 ? Inet6Address.getByAddress(null, bytes, scopeId) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes was refused", e);
        }
    }
}
