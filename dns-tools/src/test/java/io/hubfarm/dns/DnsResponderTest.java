package io.hubfarm.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The responder on real UDP and TCP sockets: answers, truncation, and packets that do not decode. */
class DnsResponderTest {
    private static final int TYPE_A = 1;
    private static final int TYPE_NS = 2;

    private final AtomicReference<DnsSnapshot> snapshot = new AtomicReference<>(DnsAnswererTest.snapshot(3, 1));
    private final DnsResponder responder = DnsResponder.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            snapshot::get, System::nanoTime);

    @AfterEach
    void stop() {
        responder.close();
    }

    @Test
    void answersOverUdpAndTcpOnTheSamePort() throws IOException {
        assertThat(responder.tcpAddress().getPort()).isEqualTo(responder.udpAddress().getPort());
        Header udp = Header.of(udp(query(0x1234, "vpn.example.com", TYPE_A)));
        assertThat(udp.id).isEqualTo(0x1234);
        assertThat(udp.isResponse()).isTrue();
        assertThat(udp.authoritative()).isTrue();
        assertThat(udp.rcode()).isZero();
        assertThat(udp.answers).isEqualTo(3);

        Header tcp = Header.of(tcp(query(0x4321, "vpn.example.com", TYPE_A)));
        assertThat(tcp.id).isEqualTo(0x4321);
        assertThat(tcp.answers).isEqualTo(3);
    }

    @Test
    void aFortyNodeNsSetIsTruncatedOverUdpAndCompleteOverTcp() throws IOException {
        snapshot.set(DnsAnswererTest.snapshot(40, 40));
        byte[] udpReply = udp(query(1, "vpn.example.com", TYPE_NS));
        Header udp = Header.of(udpReply);
        assertThat(udp.truncated()).isTrue();
        assertThat(udp.answers).isZero();
        assertThat(udpReply.length).isLessThanOrEqualTo(512);

        byte[] tcpReply = tcp(query(2, "vpn.example.com", TYPE_NS));
        Header tcp = Header.of(tcpReply);
        assertThat(tcp.truncated()).isFalse();
        assertThat(tcp.answers).isEqualTo(40);
        assertThat(tcp.additional).isEqualTo(40);
        assertThat(tcpReply.length).isGreaterThan(1232);
    }

    @Test
    void malformedPacketsAreDroppedAndTheResponderKeepsAnswering() throws IOException {
        Random random = new Random(7);
        byte[] valid = query(9, "vpn.example.com", TYPE_A);
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress to = responder.udpAddress();
            send(socket, to, new byte[] {1, 2, 3, 4, 5});                   // shorter than a header
            byte[] cut = java.util.Arrays.copyOf(valid, valid.length - 3);  // question cut short
            send(socket, to, cut);
            byte[] lying = valid.clone();                                   // claims 40 questions
            lying[5] = 40;
            send(socket, to, lying);
            byte[] response = valid.clone();                                // a response, not a query
            response[2] |= (byte) 0x80;
            send(socket, to, response);
            byte[] oversized = new byte[9000];                              // larger than the receive buffer
            random.nextBytes(oversized);
            send(socket, to, oversized);
            for (int i = 0; i < 500; i++) {
                byte[] junk = new byte[random.nextInt(600)];
                random.nextBytes(junk);
                send(socket, to, junk);
            }
        }
        // The burst may overflow the socket's receive buffer, and the kernel then drops what comes next, so
        // ask as a resolver does: again, a few times.
        assertThat(Header.of(udpWithRetries(valid, 10)).answers).as("still answering over UDP").isEqualTo(3);

        try (Socket s = new Socket(responder.tcpAddress().getAddress(), responder.tcpAddress().getPort())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(5000);                                           // announces more than it sends
            out.write(new byte[100]);
            out.flush();
        }
        try (Socket s = new Socket(responder.tcpAddress().getAddress(), responder.tcpAddress().getPort())) {
            s.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            byte[] junk = new byte[300];
            random.nextBytes(junk);
            out.writeShort(junk.length);
            out.write(junk);
            out.flush();
            assertThat(s.getInputStream().read()).as("a stream that does not decode is closed").isEqualTo(-1);
        }
        assertThat(Header.of(tcp(valid)).answers).as("still answering over TCP").isEqualTo(3);
        assertThat(responder.malformedPackets()).isPositive();
    }

    static byte[] query(int id, String name, int type) {
        byte[] qname = DnsName.of(name).wire();
        ByteBuffer b = ByteBuffer.allocate(12 + qname.length + 4);
        b.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).put(qname).putShort((short) type).putShort((short) 1);
        return b.array();
    }

    private byte[] udp(byte[] query) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            send(socket, responder.udpAddress(), query);
            DatagramPacket reply = new DatagramPacket(new byte[65_535], 65_535);
            socket.receive(reply);
            return java.util.Arrays.copyOf(reply.getData(), reply.getLength());
        }
    }

    private byte[] udpWithRetries(byte[] query, int attempts) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(1000);
            for (int i = 1; ; i++) {
                send(socket, responder.udpAddress(), query);
                DatagramPacket reply = new DatagramPacket(new byte[65_535], 65_535);
                try {
                    socket.receive(reply);
                    return java.util.Arrays.copyOf(reply.getData(), reply.getLength());
                } catch (java.net.SocketTimeoutException e) {
                    if (i == attempts) {
                        throw e;
                    }
                }
            }
        }
    }

    private byte[] tcp(byte[] query) throws IOException {
        try (Socket s = new Socket(responder.tcpAddress().getAddress(), responder.tcpAddress().getPort())) {
            s.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            InputStream in = s.getInputStream();
            DataInputStream data = new DataInputStream(in);
            byte[] reply = new byte[data.readUnsignedShort()];
            data.readFully(reply);
            return reply;
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    record Header(int id, int flags, int questions, int answers, int authority, int additional) {
        static Header of(byte[] m) {
            ByteBuffer b = ByteBuffer.wrap(m);
            return new Header(b.getShort() & 0xffff, b.getShort() & 0xffff, b.getShort() & 0xffff,
                    b.getShort() & 0xffff, b.getShort() & 0xffff, b.getShort() & 0xffff);
        }

        boolean isResponse() {
            return (flags & 0x8000) != 0;
        }

        boolean authoritative() {
            return (flags & 0x0400) != 0;
        }

        boolean truncated() {
            return (flags & 0x0200) != 0;
        }

        int rcode() {
            return flags & 0xf;
        }
    }
}
