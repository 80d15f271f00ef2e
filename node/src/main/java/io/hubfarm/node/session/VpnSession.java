package io.hubfarm.node.session;

import io.hubfarm.node.hub.EthernetFrame;
import io.hubfarm.node.hub.FrameQueue;
import io.hubfarm.node.hub.HubMember;
import io.hubfarm.node.hub.HubPort;
import io.hubfarm.node.hub.VirtualHub;
import io.hubfarm.node.protocol.softether.ConnectionDirection;
import io.hubfarm.node.protocol.softether.LoginRefusedException;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.node.protocol.softether.tunnel.KeepAliveSchedule;
import io.hubfarm.node.time.NodeClock;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One VPN session: a port on its hub with one or more TCP connections to the client (spec §6.3).
 * Frames from any connection enter the hub; frames from the hub wait in a bounded queue that the
 * connections drain. The session ends when its last connection closes, when its hub stops, or when
 * it is disconnected; it ends exactly once.
 */
public final class VpnSession implements HubPort {
    /**
     * Bytes of frames waiting for one client, at most: the bound on a session's memory. Reached only by
     * floods, by what senders had read before they paused, and by a client that stalled (see
     * {@link FrameQueue}).
     */
    static final int QUEUE_CAPACITY_BYTES = 4 << 20;
    /**
     * Above this, unicast senders to the session pause. With the connection's own 256 KiB write buffer
     * and the socket's, enough to keep a gigabit busy; more would only add delay.
     */
    static final int QUEUE_HIGH_WATER_BYTES = 1 << 20;
    /** Frames read on other loops waiting to be switched on the session's home loop, at most. */
    static final int MAX_HANDED_OVER = 1024;
    private static final Logger log = LoggerFactory.getLogger(VpnSession.class);

    private final SessionIdentity identity;
    private final NodeClock clock;
    private final KeepAliveSchedule keepAlives;
    private final Consumer<VpnSession> onEnd;
    private final FrameQueue outbound = new FrameQueue(QUEUE_CAPACITY_BYTES, QUEUE_HIGH_WATER_BYTES);
    /** Replaced, never changed in place, so the hot path reads a consistent set without locking. */
    private volatile TunnelConnection[] connections = new TunnelConnection[0];
    private final AtomicBoolean ended = new AtomicBoolean();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final long startedNanos;
    private final HubMember member;
    private volatile EventExecutor home;
    private final AtomicInteger handedOver = new AtomicInteger();
    private final LongAdder droppedIn = new LongAdder();
    private boolean inputPaused; // guarded by this
    private long pauses; // guarded by this
    private ScheduledFuture<?> stallCheck; // guarded by this
    private int reserved;
    private int serverToClient;
    private int clientToServer;

    VpnSession(SessionIdentity identity, VirtualHub hub, NodeClock clock, KeepAliveSchedule keepAlives,
               Consumer<VpnSession> onEnd) {
        this.identity = identity;
        this.clock = clock;
        this.keepAlives = keepAlives;
        this.onEnd = onEnd;
        this.startedNanos = clock.nanoTime();
        this.member = hub.attach(this);
    }

    public SessionIdentity identity() {
        return identity;
    }

    @Override
    public String name() {
        return identity.name();
    }

    public int connectionCount() {
        return connections.length;
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Frames lost because the session could not keep up: towards the client, and from it. */
    public long droppedFrames() {
        return outbound.dropped() + droppedIn.sum();
    }

    public boolean isEnded() {
        return ended.get();
    }

    public long ageMillis() {
        return clock.millisSince(startedNanos);
    }

    @Override
    public FrameQueue outbound() {
        return outbound;
    }

    /** Back-pressure: a port this session sends to is congested; stop reading from the client. */
    @Override
    public synchronized void pauseInput() {
        if (inputPaused) {
            return;
        }
        inputPaused = true;
        pauses++;
        for (TunnelConnection c : connections) {
            c.setAutoRead(false);
        }
        if (stallCheck == null || stallCheck.isDone()) {
            scheduleStallCheck();
        }
    }

    private void scheduleStallCheck() { // holding this
        EventExecutor loop = home;
        if (loop == null) {
            return;
        }
        try {
            stallCheck = loop.schedule(this::checkStall, FrameQueue.STALL_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException loopGone) {
            // the node is stopping, and with it every session
        }
    }

    @Override
    public synchronized void resumeInput() {
        if (!inputPaused) {
            return;
        }
        inputPaused = false;
        for (TunnelConnection c : connections) {
            c.setAutoRead(true);
        }
    }

    /** How often back-pressure paused this session's reading so far. */
    public synchronized long pauseCount() {
        return pauses;
    }

    synchronized boolean isInputPaused() {
        return inputPaused;
    }

    /** While paused, lets the hub release this session from ports that stalled (see {@link FrameQueue#STALL_BOUND}). */
    private void checkStall() {
        member.releaseIfStalled();
        synchronized (this) {
            if (inputPaused && !ended.get()) {
                scheduleStallCheck();
            }
        }
    }

    /**
     * Claims a place for one more TCP connection and chooses its direction (spec §6.3): the first is
     * both ways, or client-to-server with half-connection; with half-connection each further one
     * carries server-to-client unless those already outnumber the other way.
     */
    synchronized ConnectionDirection reserveConnection() {
        if (ended.get()) {
            throw new LoginRefusedException(SoftEtherError.SESSION_TIMEOUT, "session " + name() + " has ended");
        }
        if (reserved >= identity.options().maxConnection()) {
            throw new LoginRefusedException(SoftEtherError.TOO_MANY_CONNECTION, "session " + name() + " already has "
                    + reserved + " of " + identity.options().maxConnection() + " connections");
        }
        reserved++;
        if (!identity.options().halfConnection()) {
            return ConnectionDirection.BOTH;
        }
        if (reserved == 1 || serverToClient > clientToServer) {
            clientToServer++;
            return ConnectionDirection.CLIENT_TO_SERVER;
        }
        serverToClient++;
        return ConnectionDirection.SERVER_TO_CLIENT;
    }

    synchronized void releaseReservation(ConnectionDirection direction) {
        reserved--;
        switch (direction) {
            case CLIENT_TO_SERVER -> clientToServer--;
            case SERVER_TO_CLIENT -> serverToClient--;
            case BOTH -> { }
        }
    }

    /** The handler for a connection whose place was reserved; the caller adds it to the channel's pipeline. */
    TunnelConnection newConnection(ConnectionDirection direction) {
        TunnelConnection connection = new TunnelConnection(this, direction, clock, keepAlives,
                identity.options().timeoutMillis());
        synchronized (this) {
            TunnelConnection[] now = Arrays.copyOf(connections, connections.length + 1);
            now[now.length - 1] = connection;
            connections = now;
            if (inputPaused) {
                connection.setAutoRead(false);
            }
        }
        if (ended.get()) {
            connection.close();
        }
        return connection;
    }

    void connectionClosed(TunnelConnection connection) {
        boolean last;
        synchronized (this) {
            int i = List.of(connections).indexOf(connection);
            if (i < 0) {
                return;
            }
            TunnelConnection[] now = new TunnelConnection[connections.length - 1];
            System.arraycopy(connections, 0, now, 0, i);
            System.arraycopy(connections, i + 1, now, i, connections.length - i - 1);
            connections = now;
            releaseReservation(connection.direction());
            last = now.length == 0;
        }
        if (last) {
            end("its last connection closed");
        }
    }

    /**
     * A frame from the client. A session's connections may live on different event loops; frames are
     * switched on the first connection's loop so that they reach the hub in the order they were read,
     * not in the order two threads happen to run.
     */
    void receive(byte[] bytes, EventExecutor from) {
        if (home == null) {
            home = from;
        }
        EventExecutor switchOn = home;
        if (from != switchOn) {
            // Bounded, so a busy home loop cannot make the other loops queue frames without limit.
            if (handedOver.incrementAndGet() > MAX_HANDED_OVER) {
                handedOver.decrementAndGet();
                droppedIn.increment();
                return;
            }
            switchOn.execute(() -> {
                handedOver.decrementAndGet();
                receive(bytes, switchOn);
            });
            return;
        }
        bytesIn.add(bytes.length);
        EthernetFrame frame;
        try {
            frame = EthernetFrame.wrap(bytes);
        } catch (IllegalArgumentException e) {
            return; // shorter than an Ethernet header: nothing a switch can forward
        }
        member.forward(frame);
    }

    void countSent(int bytes) {
        bytesOut.add(bytes);
    }

    @Override
    public void deliver(EthernetFrame frame) {
        if (ended.get() || !outbound.offer(frame)) {
            return;
        }
        TunnelConnection sender = pickSender();
        if (sender != null) {
            sender.requestDrain();
        }
    }

    /**
     * The first sending connection, in a fixed order, that can take data now. Sticking to one
     * connection keeps a flow's frames in order (spreading them would make the client's TCP see
     * reordering and retransmit); the next one takes over only while the first is full.
     */
    private TunnelConnection pickSender() {
        TunnelConnection fallback = null;
        for (TunnelConnection c : connections) {
            if (!c.direction().serverSends()) {
                continue;
            }
            if (c.isWritable()) {
                return c;
            }
            if (fallback == null) {
                fallback = c;
            }
        }
        return fallback;
    }

    @Override
    public void hubStopped() {
        disconnect("its hub stopped");
    }

    /** Closes every connection; the session ends when the last one has closed. */
    public void disconnect(String reason) {
        log.info("Disconnecting session {}: {}", identity, reason);
        end(reason);
    }

    private void end(String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        member.detach();
        for (TunnelConnection c : connections) {
            c.close();
        }
        outbound.clear();
        log.info("Session {} ended after {} s ({}): {} bytes in, {} bytes out, {} frames dropped, paused {} times by "
                        + "congested ports", identity,
                ageMillis() / 1000, reason, bytesIn(), bytesOut(), droppedFrames(), pauseCount());
        onEnd.accept(this);
    }
}
