package io.hubfarm.node.hub;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * One Ethernet frame as the hub switches it: destination MAC, source MAC, EtherType or VLAN tag,
 * payload, and no FCS (spec §6.1). The frame is a view of a {@code byte[]} that it does not copy.
 *
 * <p><b>Ownership.</b> {@link #wrap(byte[])} takes the array over: nobody may write to it afterwards,
 * and {@link #bytes()} hands out that same array, which readers must not write to either. The rule is
 * what makes switching cheap: flooding hands the <em>same instance</em> to every other port, on any
 * thread, possibly while other ports are still encoding it.
 */
public final class EthernetFrame {

    /** Two MAC addresses and an EtherType: anything shorter is not a frame. */
    public static final int MIN_LENGTH = 14;

    /**
     * The largest frame a SoftEther peer accepts after decoding (spec §6.1: 1514 bytes, 1518 with a
     * VLAN tag, and decoded frames over 1600 are dropped). Nothing larger can travel between ports.
     */
    public static final int MAX_LENGTH = 1600;

    /** IEEE 802.1Q tag protocol identifier, SoftEther's default VLAN type (Cedar MAC_PROTO_TAGVLAN). */
    static final int VLAN_TAG_TYPE = 0x8100;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;

    private EthernetFrame(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Takes {@code bytes} over as one frame (see the class comment: the array must never change
     * again).
     *
     * @throws IllegalArgumentException when the array is shorter than {@value #MIN_LENGTH} or longer
     *                                  than {@value #MAX_LENGTH} bytes
     */
    public static EthernetFrame wrap(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < MIN_LENGTH || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("an Ethernet frame has " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " bytes, not " + bytes.length);
        }
        return new EthernetFrame(bytes);
    }

    /** The frame's own array, not a copy: read it, never write to it. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    /** The destination MAC in the low 48 bits (first octet most significant). */
    public long destination() {
        return macAt(0);
    }

    /** The source MAC in the low 48 bits (first octet most significant). */
    public long source() {
        return macAt(6);
    }

    /**
     * Whether the destination is a group address (broadcast or multicast): the I/G bit, the lowest
     * bit of the first octet. SoftEther floods these and counts them as "broadcast" traffic.
     */
    public boolean isGroupDestination() {
        return (bytes[0] & 0x01) != 0;
    }

    /**
     * The 802.1Q VLAN ID (0–4095) when the frame carries a tag, else 0. SoftEther keeps one MAC table
     * per VLAN by default (hub option NoManageVlanId off), so the hub keys its table on this too.
     */
    public int vlanId() {
        if (bytes.length < MIN_LENGTH + 4 || (short) SHORT.get(bytes, 12) != (short) VLAN_TAG_TYPE) {
            return 0;
        }
        return (short) SHORT.get(bytes, 14) & 0x0FFF;
    }

    private long macAt(int offset) {
        return ((int) INT.get(bytes, offset) & 0xFFFF_FFFFL) << 16 | ((short) SHORT.get(bytes, offset + 4) & 0xFFFFL);
    }

    @Override
    public String toString() {
        return "EthernetFrame[" + MacAddress.format(source()) + " -> " + MacAddress.format(destination())
                + ", " + bytes.length + " bytes]";
    }
}
