package io.hubfarm.node.bridge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The test's own end of an interface: a raw socket that sends frames into it and reads what comes out,
 * standing in for the LAN beside the bridge.
 */
final class DevicePeer implements AutoCloseable {
    private final PacketSocket socket;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);

    DevicePeer(String interfaceName) throws BridgeFailure {
        this.socket = PacketSocket.open(interfaceName);
    }

    void send(byte[] frame) throws IOException {
        int header = header();
        buffer.put(0, new byte[header]);
        buffer.put(header, frame);
        if (socket.fd().write(buffer, 0, header + frame.length) != header + frame.length) {
            throw new IOException("short write");
        }
    }

    private int header() {
        return socket.offloadHeader() ? OffloadedFrame.HEADER_LENGTH : 0;
    }

    /** The next frame of the test's EtherType, or null when none arrives before the deadline. */
    byte[] receiveTestFrame(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            int n = socket.fd().read(buffer, 0, buffer.capacity());
            if (n == 0) {
                LockSupport.parkNanos(1_000_000);
                continue;
            }
            byte[] frame = new byte[n - header()];
            buffer.get(header(), frame);
            n = frame.length;
            if (n >= 16 && ((frame[12] & 0xFF) << 8 | (frame[13] & 0xFF)) == ProbePort.TEST_ETHER_TYPE) {
                return frame;
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }

    static boolean sameFrame(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
