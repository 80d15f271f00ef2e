package io.hubfarm.node.bridge;

import java.util.function.Consumer;

/**
 * Finishes the work a network card's offloads leave to hardware, for a frame that a raw socket
 * received with its {@code virtio_net_hdr} ({@code PACKET_VNET_HDR}). The kernel hands packet sockets
 * frames as its own stack holds them: a TCP checksum not yet computed (checksum offload on a veth or
 * bridge), or one 64 KiB TCP super-frame where the wire had many (GRO on a NIC, TSO on a veth). A VPN
 * client can use neither, so a checksum is completed here and a super-frame is cut back into segments
 * of the size the header names. Without this, TCP through a raw bridge needs the offloads turned off
 * ({@code ethtool -K DEV tx off gro off}), as it does with SoftEther.
 *
 * <p>Pure byte work, no I/O.
 */
final class OffloadedFrame {
    /** {@code struct virtio_net_hdr} without the mergeable-buffers count. */
    static final int HEADER_LENGTH = 10;
    static final int NEEDS_CSUM = 0x01;
    static final int GSO_NONE = 0;
    static final int GSO_TCPV4 = 1;
    static final int GSO_TCPV6 = 4;
    static final int GSO_ECN = 0x80;

    private static final int ETHER_IPV4 = 0x0800;
    private static final int ETHER_IPV6 = 0x86DD;
    private static final int ETHER_VLAN = 0x8100;
    private static final int PROTOCOL_TCP = 6;
    private static final int TCP_FIN = 0x01;
    private static final int TCP_PSH = 0x08;
    private static final int TCP_CWR = 0x80;

    private OffloadedFrame() {
    }

    /** What {@link #complete} did with a frame. */
    enum Outcome {
        /** Passed on as it was, or with its checksum filled in. */
        WHOLE,
        /** Cut into segments. */
        SEGMENTED,
        /** Cannot be finished (an offload this code does not redo, or headers that do not add up): dropped. */
        UNSUPPORTED
    }

    /**
     * @param header the 10 bytes before the frame
     * @param frame  the frame as the kernel gave it; may be changed in place and passed on
     * @param sink   receives each finished frame, never longer than the segment size plus headers
     */
    static Outcome complete(byte[] header, byte[] frame, Consumer<byte[]> sink) {
        int flags = header[0] & 0xFF;
        int gsoType = header[1] & 0xFF & ~GSO_ECN;
        int gsoSize = le16(header, 4);
        int checksumStart = le16(header, 6);
        int checksumOffset = le16(header, 8);
        if (gsoType == GSO_NONE) {
            if ((flags & NEEDS_CSUM) != 0) {
                if (checksumStart + checksumOffset + 2 > frame.length) {
                    return Outcome.UNSUPPORTED;
                }
                int sum = ~fold(sum(frame, checksumStart, frame.length - checksumStart, 0)) & 0xFFFF;
                // An all-zero UDP checksum means "none"; ones' complement has a second zero for it.
                be16(frame, checksumStart + checksumOffset, sum == 0 ? 0xFFFF : sum);
            }
            sink.accept(frame);
            return Outcome.WHOLE;
        }
        if ((gsoType != GSO_TCPV4 && gsoType != GSO_TCPV6) || gsoSize == 0) {
            return Outcome.UNSUPPORTED;
        }
        return segmentTcp(frame, gsoType == GSO_TCPV4, gsoSize, sink) ? Outcome.SEGMENTED : Outcome.UNSUPPORTED;
    }

    private static boolean segmentTcp(byte[] frame, boolean ipv4, int segmentSize, Consumer<byte[]> sink) {
        int l3 = 14;
        int etherType = be16(frame, 12);
        if (etherType == ETHER_VLAN) {
            l3 = 18;
            etherType = be16(frame, 16);
        }
        if (etherType != (ipv4 ? ETHER_IPV4 : ETHER_IPV6) || frame.length < l3 + 40) {
            return false;
        }
        int ipHeaderLength;
        if (ipv4) {
            ipHeaderLength = (frame[l3] & 0x0F) * 4;
            if (ipHeaderLength < 20 || (frame[l3 + 9] & 0xFF) != PROTOCOL_TCP) {
                return false;
            }
        } else {
            ipHeaderLength = 40;
            if ((frame[l3 + 6] & 0xFF) != PROTOCOL_TCP) {
                return false;
            }
        }
        int l4 = l3 + ipHeaderLength;
        if (frame.length < l4 + 20) {
            return false;
        }
        int tcpHeaderLength = ((frame[l4 + 12] >> 4) & 0x0F) * 4;
        int headers = l4 + tcpHeaderLength;
        if (tcpHeaderLength < 20 || headers > frame.length) {
            return false;
        }
        int payload = frame.length - headers;
        int segments = Math.max(1, (payload + segmentSize - 1) / segmentSize);
        long sequence = be32(frame, l4 + 4);
        int ipId = ipv4 ? be16(frame, l3 + 4) : 0;
        int tcpFlags = frame[l4 + 13] & 0xFF;
        for (int i = 0; i < segments; i++) {
            int offset = i * segmentSize;
            int chunk = Math.min(segmentSize, payload - offset);
            byte[] out = new byte[headers + chunk];
            System.arraycopy(frame, 0, out, 0, headers);
            System.arraycopy(frame, headers + offset, out, headers, chunk);
            int segmentFlags = tcpFlags;
            if (i < segments - 1) {
                segmentFlags &= ~(TCP_FIN | TCP_PSH);
            }
            if (i > 0) {
                segmentFlags &= ~TCP_CWR;
            }
            out[l4 + 13] = (byte) segmentFlags;
            be32(out, l4 + 4, (sequence + offset) & 0xFFFF_FFFFL);
            int tcpLength = out.length - l4;
            long pseudo;
            if (ipv4) {
                be16(out, l3 + 2, out.length - l3);
                be16(out, l3 + 4, (ipId + i) & 0xFFFF);
                be16(out, l3 + 10, 0);
                be16(out, l3 + 10, ~fold(sum(out, l3, ipHeaderLength, 0)) & 0xFFFF);
                pseudo = sum(out, l3 + 12, 8, 0) + PROTOCOL_TCP + tcpLength;
            } else {
                be16(out, l3 + 4, out.length - l3 - 40);
                pseudo = sum(out, l3 + 8, 32, 0) + PROTOCOL_TCP + tcpLength;
            }
            be16(out, l4 + 16, 0);
            be16(out, l4 + 16, ~fold(sum(out, l4, tcpLength, pseudo)) & 0xFFFF);
            sink.accept(out);
        }
        return true;
    }

    /** The ones' complement sum of big-endian 16-bit words, not yet folded. */
    static long sum(byte[] b, int offset, int length, long initial) {
        long sum = initial;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (b[i] & 0xFF) << 8;
        }
        return sum;
    }

    static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static int le16(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
    }

    private static int be16(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 8 | (b[offset + 1] & 0xFF);
    }

    private static void be16(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }

    private static long be32(byte[] b, int offset) {
        return ((long) be16(b, offset) << 16) | be16(b, offset + 2);
    }

    private static void be32(byte[] b, int offset, long value) {
        be16(b, offset, (int) (value >>> 16) & 0xFFFF);
        be16(b, offset + 2, (int) value & 0xFFFF);
    }
}
