package io.hubfarm.node.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checksums completed and TCP super-frames cut back into wire-sized segments, as a NIC would have. */
class OffloadedFrameTest {
    static final int ACK = 0x10;
    static final int PSH = 0x08;
    static final int FIN = 0x01;
    static final int CWR = 0x80;

    @Test
    void aFrameWithoutOffloadPassesUnchanged() {
        byte[] frame = tcp4(new byte[100], 1000, ACK, false);
        List<byte[]> out = new ArrayList<>();

        assertThat(OffloadedFrame.complete(header(0, 0, 0, 0, 0), frame.clone(), out::add))
                .isEqualTo(OffloadedFrame.Outcome.WHOLE);
        assertThat(out).containsExactly(frame);
    }

    @Test
    void aPartialChecksumIsCompleted() {
        byte[] frame = tcp4(payload(300), 7, PSH | ACK, true);
        List<byte[]> out = new ArrayList<>();

        assertThat(OffloadedFrame.complete(header(OffloadedFrame.NEEDS_CSUM, 0, 0, 34, 16), frame, out::add))
                .isEqualTo(OffloadedFrame.Outcome.WHOLE);

        assertThat(out).hasSize(1);
        assertThat(tcpChecksumValid(out.getFirst(), 14, true)).isTrue();
    }

    @Test
    void anIpv4SuperFrameBecomesSegmentsWithTheirOwnSequenceIdsLengthsFlagsAndChecksums() {
        byte[] data = payload(4000);
        byte[] frame = tcp4(data, 0xFFFF_FF00L, CWR | PSH | ACK | FIN, true);
        List<byte[]> out = new ArrayList<>();

        assertThat(OffloadedFrame.complete(header(OffloadedFrame.NEEDS_CSUM, OffloadedFrame.GSO_TCPV4, 1448, 34, 16),
                frame, out::add)).isEqualTo(OffloadedFrame.Outcome.SEGMENTED);

        assertThat(out).extracting(f -> f.length).containsExactly(54 + 1448, 54 + 1448, 54 + 1104);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < out.size(); i++) {
            byte[] segment = out.get(i);
            assertThat(be16(segment, 16)).as("IPv4 total length").isEqualTo(segment.length - 14);
            assertThat(be16(segment, 18)).as("IPv4 id").isEqualTo(0x1234 + i);
            assertThat(OffloadedFrame.fold(OffloadedFrame.sum(segment, 14, 20, 0))).as("IPv4 header checksum").isEqualTo(0xFFFF);
            assertThat(tcpChecksumValid(segment, 14, true)).as("TCP checksum of segment %d", i).isTrue();
            assertThat(be32(segment, 38)).as("sequence, wrapping").isEqualTo((0xFFFF_FF00L + i * 1448L) & 0xFFFF_FFFFL);
            joined.write(segment, 54, segment.length - 54);
        }
        assertThat(out.get(0)[47] & 0xFF).isEqualTo(CWR | ACK);
        assertThat(out.get(1)[47] & 0xFF).isEqualTo(ACK);
        assertThat(out.get(2)[47] & 0xFF).isEqualTo(PSH | ACK | FIN);
        assertThat(joined.toByteArray()).isEqualTo(data);
    }

    @Test
    void aVlanTaggedIpv6SuperFrameIsSegmentedToo() {
        byte[] data = payload(3000);
        byte[] frame = tcp6Tagged(data);
        List<byte[]> out = new ArrayList<>();

        assertThat(OffloadedFrame.complete(header(OffloadedFrame.NEEDS_CSUM, OffloadedFrame.GSO_TCPV6, 1428, 58, 16),
                frame, out::add)).isEqualTo(OffloadedFrame.Outcome.SEGMENTED);

        assertThat(out).extracting(f -> f.length).containsExactly(78 + 1428, 78 + 1428, 78 + 144);
        for (byte[] segment : out) {
            assertThat(be16(segment, 18 + 4)).as("IPv6 payload length").isEqualTo(segment.length - 18 - 40);
            assertThat(tcpChecksumValid(segment, 18, false)).isTrue();
        }
    }

    @Test
    void offloadsThatAreNotRedoneAndHeadersThatDoNotAddUpAreRefused() {
        byte[] udp = tcp4(payload(3000), 1, ACK, true);
        assertThat(OffloadedFrame.complete(header(1, 5, 1400, 34, 6), udp, f -> { }))
                .as("UDP segmentation").isEqualTo(OffloadedFrame.Outcome.UNSUPPORTED);
        assertThat(OffloadedFrame.complete(header(1, OffloadedFrame.GSO_TCPV6, 1400, 34, 16), udp, f -> { }))
                .as("IPv4 frame announced as IPv6").isEqualTo(OffloadedFrame.Outcome.UNSUPPORTED);
        assertThat(OffloadedFrame.complete(header(1, 0, 0, 58, 16), new byte[60], f -> { }))
                .as("checksum field past the end").isEqualTo(OffloadedFrame.Outcome.UNSUPPORTED);
    }

    // --- building frames the way the kernel holds them: checksum field = pseudo-header sum when partial

    static byte[] header(int flags, int gsoType, int gsoSize, int checksumStart, int checksumOffset) {
        byte[] h = new byte[OffloadedFrame.HEADER_LENGTH];
        h[0] = (byte) flags;
        h[1] = (byte) gsoType;
        le16(h, 4, gsoSize);
        le16(h, 6, checksumStart);
        le16(h, 8, checksumOffset);
        return h;
    }

    static byte[] tcp4(byte[] data, long sequence, int flags, boolean partial) {
        byte[] f = new byte[14 + 20 + 20 + data.length];
        ethernet(f, 0x0800);
        f[14] = 0x45;
        be16(f, 16, f.length - 14);
        be16(f, 18, 0x1234);
        f[22] = 64;
        f[23] = 6;
        System.arraycopy(new byte[] {10, 77, 0, 10, 10, 77, 0, 50}, 0, f, 26, 8);
        be16(f, 24, ~OffloadedFrame.fold(OffloadedFrame.sum(f, 14, 20, 0)) & 0xFFFF);
        tcpHeader(f, 34, sequence, flags);
        System.arraycopy(data, 0, f, 54, data.length);
        long pseudo = OffloadedFrame.sum(f, 26, 8, 0) + 6 + (f.length - 34);
        be16(f, 50, partial ? OffloadedFrame.fold(pseudo)
                : ~OffloadedFrame.fold(OffloadedFrame.sum(f, 34, f.length - 34, pseudo)) & 0xFFFF);
        return f;
    }

    static byte[] tcp6Tagged(byte[] data) {
        byte[] f = new byte[18 + 40 + 20 + data.length];
        ethernet(f, 0x8100);
        be16(f, 14, 42);
        be16(f, 16, 0x86DD);
        f[18] = 0x60;
        be16(f, 22, 20 + data.length);
        f[24] = 6;
        f[25] = 64;
        f[26] = (byte) 0xFD;
        f[42] = (byte) 0xFD;
        f[41] = 1;
        f[57] = 2;
        tcpHeader(f, 58, 5000, PSH | ACK);
        System.arraycopy(data, 0, f, 78, data.length);
        long pseudo = OffloadedFrame.sum(f, 26, 32, 0) + 6 + (f.length - 58);
        be16(f, 74, OffloadedFrame.fold(pseudo));
        return f;
    }

    static void ethernet(byte[] f, int etherType) {
        for (int i = 0; i < 12; i++) {
            f[i] = (byte) (i < 6 ? 0x02 : 0x04);
        }
        be16(f, 12, etherType);
    }

    static void tcpHeader(byte[] f, int at, long sequence, int flags) {
        be16(f, at, 5001);
        be16(f, at + 2, 40000);
        be16(f, at + 4, (int) (sequence >>> 16) & 0xFFFF);
        be16(f, at + 6, (int) sequence & 0xFFFF);
        f[at + 12] = 0x50;
        f[at + 13] = (byte) flags;
        be16(f, at + 14, 64240);
    }

    static boolean tcpChecksumValid(byte[] f, int l3, boolean ipv4) {
        int l4 = l3 + (ipv4 ? 20 : 40);
        int tcpLength = f.length - l4;
        long pseudo = ipv4 ? OffloadedFrame.sum(f, l3 + 12, 8, 0) : OffloadedFrame.sum(f, l3 + 8, 32, 0);
        return OffloadedFrame.fold(OffloadedFrame.sum(f, l4, tcpLength, pseudo + 6 + tcpLength)) == 0xFFFF;
    }

    static byte[] payload(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static int be16(byte[] b, int o) {
        return (b[o] & 0xFF) << 8 | (b[o + 1] & 0xFF);
    }

    static long be32(byte[] b, int o) {
        return ((long) be16(b, o) << 16) | be16(b, o + 2);
    }

    static void be16(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    static void le16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }
}
