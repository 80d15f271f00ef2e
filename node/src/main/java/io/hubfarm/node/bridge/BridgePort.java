package io.hubfarm.node.bridge;

import io.hubfarm.node.bridge.BridgeFailure.Reason;
import io.hubfarm.node.hub.EthernetFrame;
import io.hubfarm.node.hub.FrameQueue;
import io.hubfarm.node.hub.HubMember;
import io.hubfarm.node.hub.HubPort;
import io.hubfarm.node.hub.VirtualHub;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.Errors;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open device as a port of a virtual hub. Frames the device gives are switched into the hub like a
 * session's (learned, flooded, counted); frames the hub sends wait in a bounded queue and are written
 * to the device by the event loop that owns the descriptor. Everything touching the descriptor runs on
 * that loop, so reads, writes and close never race.
 *
 * <p>The port outlives its hub's instance: when the hub stops, frames from the device are dropped until
 * {@link #attach} is called with the hub's next instance, so a TAP device (and whatever the operator
 * enslaved it to) survives a hub going offline and back online.
 */
final class BridgePort implements HubPort, EpollIoHandle {
    private static final Logger log = LoggerFactory.getLogger(BridgePort.class);
    /**
     * The bridge's queue: senders pause above the high-water mark, 2 MiB at most. Smaller than a
     * session's (VpnSession) and not tuned yet: the bridge bench shows no drop with it (docs/bench.md).
     */
    static final int QUEUE_BYTES = 2 << 20;
    static final int QUEUE_HIGH_WATER_BYTES = 256 << 10;
    /**
     * Large enough for the biggest packet the kernel hands a raw socket (a GRO or GSO super-frame up to
     * 64 KiB), so an oversize frame is seen whole and counted rather than truncated into a bad one.
     */
    private static final int READ_BUFFER_BYTES = 65_536 + 1_024;
    /** Reads per readiness event before yielding the loop to other devices and sessions. */
    private static final int READS_PER_EVENT = 64;

    private final String name;
    private final EthernetDevice device;
    private final BridgeTraffic traffic;
    private final IoEventLoop loop;
    private final FrameQueue queue = new FrameQueue(QUEUE_BYTES, QUEUE_HIGH_WATER_BYTES);
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(OffloadedFrame.HEADER_LENGTH + EthernetFrame.MAX_LENGTH);
    private final byte[] offloadHeader = new byte[OffloadedFrame.HEADER_LENGTH];

    private volatile HubMember member;
    private volatile BridgeFailure failure;
    private volatile boolean closed;
    // Loop thread only.
    private IoRegistration registration;
    private EthernetFrame unwritten;
    private boolean waitingForWritable;
    private boolean inputPaused;

    private BridgePort(String name, EthernetDevice device, BridgeTraffic traffic, IoEventLoop loop) {
        this.name = name;
        this.device = device;
        this.traffic = traffic;
        this.loop = loop;
    }

    /**
     * Registers the device's descriptor on {@code loop} for reading.
     *
     * @throws BridgeFailure if the loop refuses it (it is shutting down)
     */
    static BridgePort open(String name, EthernetDevice device, BridgeTraffic traffic, IoEventLoop loop)
            throws BridgeFailure {
        BridgePort port = new BridgePort(name, device, traffic, loop);
        var registered = loop.register(port).awaitUninterruptibly();
        if (!registered.isSuccess()) {
            device.close();
            throw new BridgeFailure(Reason.IO_ERROR, "cannot watch " + device.kind() + " '" + device.interfaceName()
                    + "' for frames: " + registered.cause());
        }
        port.registration = registered.getNow();
        loop.execute(() -> port.registration.submit(EpollIoOps.EPOLLIN));
        return port;
    }

    EthernetDevice device() {
        return device;
    }

    /** Joins a hub instance (leaving any previous one): from now on frames flow both ways. */
    void attach(VirtualHub hub) {
        HubMember previous = member;
        if (previous != null) {
            previous.detach();
        }
        member = hub.attach(this);
    }

    /** Whether frames flow to {@code hub}: attached to that very instance and still a member of it. */
    boolean isAttachedTo(VirtualHub hub) {
        HubMember current = member;
        return current != null && current.isAttached() && current.hub() == hub;
    }

    void detach() {
        HubMember previous = member;
        member = null;
        if (previous != null) {
            previous.detach();
        }
    }

    /** Why the device stopped working, or null while it works. */
    BridgeFailure failure() {
        return failure;
    }

    /** Leaves the hub and closes the device (on the loop, after any read in progress). */
    void shutdown() {
        detach();
        closed = true;
        if (loop.inEventLoop()) {
            closeOnLoop();
            return;
        }
        try {
            loop.submit(this::closeOnLoop).awaitUninterruptibly();
        } catch (RejectedExecutionException loopGone) {
            // The loop has shut down and no longer reads the descriptor.
            device.close();
        }
    }

    private void closeOnLoop() {
        if (registration != null && registration.isValid()) {
            registration.cancel();
        }
        queue.clear();
        device.close();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(EthernetFrame frame) {
        if (closed || failure != null) {
            return;
        }
        if (!queue.offer(frame)) {
            traffic.queueDropped.increment();
            return;
        }
        if (flushScheduled.compareAndSet(false, true)) {
            loop.execute(this::flush);
        }
    }

    @Override
    public FrameQueue outbound() {
        return queue;
    }

    /** Back-pressure: a port this bridge sends to is congested; stop reading the device until it drains. */
    @Override
    public void pauseInput() {
        onLoop(() -> {
            if (!inputPaused) {
                inputPaused = true;
                watch();
                loop.schedule(this::checkStall, FrameQueue.STALL_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    @Override
    public void resumeInput() {
        onLoop(() -> {
            if (inputPaused) {
                inputPaused = false;
                watch(); // level-triggered: frames that arrived while paused are reported at once
            }
        });
    }

    /** Runs on the device's loop; once the loop has shut down there is no device to pause or resume. */
    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException loopGone) {
            // the node is stopping
        }
    }

    private void checkStall() {
        HubMember current = member;
        if (!inputPaused || closed || current == null) {
            return;
        }
        current.releaseIfStalled();
        loop.schedule(this::checkStall, FrameQueue.STALL_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Tells epoll what this port waits for now (level-triggered): frames to read unless paused, room to
     * write while blocked. Paused, it asks for errors only, never for nothing: Netty 4.2.18 takes NONE
     * as "remove the descriptor from epoll" but still believes it registered, so the next change fails
     * and the port would never read again (seen with two raw bridges).
     */
    private void watch() {
        if (closed || registration == null || !registration.isValid()) {
            return;
        }
        EpollIoOps ops = inputPaused ? EpollIoOps.EPOLLERR : EpollIoOps.EPOLLIN;
        registration.submit(waitingForWritable ? ops.with(EpollIoOps.EPOLLOUT) : ops);
    }

    @Override
    public void hubStopped() {
        member = null;
    }

    @Override
    public FileDescriptor fd() {
        return device.fd();
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        EpollIoOps ops = ((EpollIoEvent) event).ops();
        if (ops.contains(EpollIoOps.EPOLLOUT)) {
            waitingForWritable = false;
            watch();
            flush();
        }
        if ((ops.contains(EpollIoOps.EPOLLIN) && !inputPaused) || ops.contains(EpollIoOps.EPOLLERR)) {
            read();
        }
    }

    private void read() {
        FileDescriptor fd = device.fd();
        int header = device.offloadHeader() ? OffloadedFrame.HEADER_LENGTH : 0;
        for (int i = 0; i < READS_PER_EVENT && !closed && !inputPaused; i++) {
            int length;
            try {
                length = fd.read(readBuffer, 0, readBuffer.capacity());
            } catch (IOException e) {
                fail(e);
                return;
            }
            if (length == 0) {
                return;
            }
            if (length < 0) {
                fail(new BridgeFailure(Reason.DEVICE_MISSING, device.kind() + " '" + device.interfaceName()
                        + "' was closed by the kernel"));
                return;
            }
            HubMember current = member;
            if (current == null) {
                continue;
            }
            if (header == 0) {
                enter(current, 0, length);
            } else if (length > header) {
                enterOffloaded(current, length);
            }
        }
    }

    /** A frame of {@code length} bytes at {@code offset} in the read buffer. */
    private void enter(HubMember current, int offset, int length) {
        if (length > EthernetFrame.MAX_LENGTH) {
            traffic.oversizeDropped.increment();
            return;
        }
        if (length < EthernetFrame.MIN_LENGTH) {
            return;
        }
        byte[] bytes = new byte[length];
        readBuffer.get(offset, bytes);
        traffic.framesIn.increment();
        current.forward(EthernetFrame.wrap(bytes));
    }

    /** A frame behind its offload header: most need nothing done, the rest are finished first. */
    private void enterOffloaded(HubMember current, int length) {
        readBuffer.get(0, offloadHeader);
        if (offloadHeader[0] == 0 && offloadHeader[1] == 0) {
            enter(current, OffloadedFrame.HEADER_LENGTH, length - OffloadedFrame.HEADER_LENGTH);
            return;
        }
        byte[] frame = new byte[length - OffloadedFrame.HEADER_LENGTH];
        readBuffer.get(OffloadedFrame.HEADER_LENGTH, frame);
        OffloadedFrame.Outcome outcome = OffloadedFrame.complete(offloadHeader, frame, finished -> {
            if (finished.length > EthernetFrame.MAX_LENGTH) {
                traffic.oversizeDropped.increment();
            } else if (finished.length >= EthernetFrame.MIN_LENGTH) {
                traffic.framesIn.increment();
                current.forward(EthernetFrame.wrap(finished));
            }
        });
        if (outcome == OffloadedFrame.Outcome.UNSUPPORTED) {
            traffic.oversizeDropped.increment();
        }
    }

    private void flush() {
        flushScheduled.set(false);
        if (closed || waitingForWritable) {
            return;
        }
        FileDescriptor fd = device.fd();
        // Frames from the hub are finished already: their offload header, where the device wants one, stays zero.
        int header = device.offloadHeader() ? OffloadedFrame.HEADER_LENGTH : 0;
        EthernetFrame frame = unwritten != null ? unwritten : queue.poll();
        unwritten = null;
        while (frame != null) {
            byte[] bytes = frame.bytes();
            writeBuffer.put(header, bytes);
            int written;
            try {
                written = fd.write(writeBuffer, 0, header + bytes.length);
            } catch (Errors.NativeIoException e) {
                if (Math.abs(e.expectedErr()) == LinuxCalls.EMSGSIZE) {
                    // Larger than the device's MTU (a VLAN-tagged full-size frame on a 1500-byte link).
                    traffic.oversizeDropped.increment();
                    frame = queue.poll();
                    continue;
                }
                fail(e);
                return;
            } catch (IOException e) {
                fail(e);
                return;
            }
            if (written == 0) {
                unwritten = frame;
                waitingForWritable = true;
                watch();
                return;
            }
            traffic.framesOut.increment();
            frame = queue.poll();
        }
    }

    private void fail(IOException e) {
        int errno = e instanceof Errors.NativeIoException n ? Math.abs(n.expectedErr()) : 0;
        fail(errno == 0 ? new BridgeFailure(Reason.IO_ERROR, device.interfaceName() + ": " + e.getMessage())
                : BridgeFailure.of(device.interfaceName(), new NativeCallException(device.kind() + " I/O", errno), "root"));
    }

    private void fail(BridgeFailure reason) {
        if (failure == null) {
            failure = reason;
            log.warn("Local bridge {}: {} '{}' failed: {}", name, device.kind(), device.interfaceName(), reason.getMessage());
        }
        detach();
        closed = true;
        closeOnLoop();
    }

    @Override
    public void close() {
        // IoHandle's close: the event loop is shutting down.
        closed = true;
        device.close();
    }
}
