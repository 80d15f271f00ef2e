package io.hubfarm.node.bridge;

import io.hubfarm.node.hub.EthernetFrame;
import io.hubfarm.node.hub.HubPort;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hub port a device test listens on. The kernel adds its own frames to any interface that comes up
 * (IPv6 router solicitations and the like), so only frames of the test's EtherType count.
 */
final class ProbePort implements HubPort {
    /** IEEE 802 local experimental EtherType: nothing else on the machine sends it. */
    static final int TEST_ETHER_TYPE = 0x88B5;

    private final LinkedBlockingQueue<EthernetFrame> frames = new LinkedBlockingQueue<>();

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public void deliver(EthernetFrame frame) {
        byte[] b = frame.bytes();
        if (((b[12] & 0xFF) << 8 | (b[13] & 0xFF)) == TEST_ETHER_TYPE) {
            frames.add(frame);
        }
    }

    @Override
    public void hubStopped() {
    }

    /** The next test frame, or null when none came within {@code wait}. */
    EthernetFrame next(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    static byte[] testFrame(long source, long destination, int length, int marker) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (destination >>> (40 - 8 * i));
            bytes[6 + i] = (byte) (source >>> (40 - 8 * i));
        }
        bytes[12] = (byte) (TEST_ETHER_TYPE >>> 8);
        bytes[13] = (byte) TEST_ETHER_TYPE;
        bytes[14] = (byte) (marker >>> 8);
        bytes[15] = (byte) marker;
        return bytes;
    }

    static int marker(byte[] frame) {
        return (frame[14] & 0xFF) << 8 | (frame[15] & 0xFF);
    }
}
