package io.hubfarm.node.hub;

/** Builds test frames: IPv4 EtherType, a payload of {@code length - 14} bytes. */
final class Frames {
    private Frames() {
    }

    static EthernetFrame frame(long source, long destination) {
        return frame(source, destination, 60);
    }

    static EthernetFrame frame(long source, long destination, int length) {
        byte[] bytes = new byte[length];
        putMac(bytes, 0, destination);
        putMac(bytes, 6, source);
        bytes[12] = 0x08;
        bytes[13] = 0x00;
        return EthernetFrame.wrap(bytes);
    }

    static EthernetFrame tagged(long source, long destination, int vlanId) {
        byte[] bytes = new byte[64];
        putMac(bytes, 0, destination);
        putMac(bytes, 6, source);
        bytes[12] = (byte) 0x81;
        bytes[13] = 0x00;
        bytes[14] = (byte) (0xE0 | vlanId >>> 8); // priority 7 must not leak into the VLAN ID
        bytes[15] = (byte) vlanId;
        bytes[16] = 0x08;
        bytes[17] = 0x00;
        return EthernetFrame.wrap(bytes);
    }

    private static void putMac(byte[] bytes, int offset, long mac) {
        for (int i = 0; i < 6; i++) {
            bytes[offset + i] = (byte) (mac >>> (40 - 8 * i));
        }
    }
}
