package io.hubfarm.node.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.hub.HubLimits;
import io.hubfarm.node.hub.VirtualHub;
import io.hubfarm.node.protocol.softether.ConnectionDirection;
import io.hubfarm.node.protocol.softether.NegotiatedOptions;
import io.hubfarm.node.protocol.softether.tunnel.KeepAliveSchedule;
import io.hubfarm.node.protocol.softether.tunnel.TunnelKeepAlive;
import io.hubfarm.node.time.ManualNodeClock;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A session's connection on the clock: keep-alives on the spec's schedule and the receive timeout. */
class TunnelConnectionTest {
    private final ManualNodeClock clock = new ManualNodeClock();
    private final List<VpnSession> ended = new ArrayList<>();

    private VpnSession session(boolean half) {
        VirtualHub hub = new VirtualHub("T", HubLimits.DEFAULT, clock);
        SessionIdentity id = new SessionIdentity("SID-T-1", 1, "T", "t", new InetSocketAddress("192.0.2.1", 1000),
                "test", "", new byte[20], new NegotiatedOptions(2, false, half, false, 20_000));
        return new VpnSession(id, hub, clock, new KeepAliveSchedule(new Random(1)), ended::add);
    }

    private void advance(EmbeddedChannel ch, Duration d) {
        // one second at a time, so timers fire in order against the same clock
        for (long s = 0; s < d.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            ch.advanceTimeBy(1, TimeUnit.SECONDS);
            ch.runScheduledPendingTasks();
        }
    }

    private static int keepAlivesWritten(EmbeddedChannel ch) {
        int n = 0;
        for (Object o; (o = ch.readOutbound()) != null; ) {
            if (o == TunnelKeepAlive.INSTANCE) {
                n++;
            }
        }
        return n;
    }

    @Test
    void sendsAKeepAliveAtOnceAndThenEveryFifthToHalfOfTheTimeout() {
        VpnSession s = session(false);
        EmbeddedChannel ch = new EmbeddedChannel(s.newConnection(s.reserveConnection()));
        assertThat(keepAlivesWritten(ch)).as("right after the welcome").isEqualTo(1);
        int total = 0;
        for (int i = 0; i < 60; i++) {
            advance(ch, Duration.ofSeconds(1));
            ch.writeInbound(TunnelKeepAlive.INSTANCE); // the peer stays alive
            total += keepAlivesWritten(ch);
        }
        // 60 s at one per 4-10 s
        assertThat(total).isBetween(6, 15);
    }

    @Test
    void closesAConnectionThatReceivedNothingForTheTimeout() {
        VpnSession s = session(false);
        EmbeddedChannel ch = new EmbeddedChannel(s.newConnection(s.reserveConnection()));
        advance(ch, Duration.ofSeconds(15));
        ch.writeInbound(TunnelKeepAlive.INSTANCE);
        advance(ch, Duration.ofSeconds(19));
        assertThat(ch.isActive()).as("19 s after the last keep-alive").isTrue();
        advance(ch, Duration.ofSeconds(2));
        assertThat(ch.isActive()).as("21 s after the last keep-alive").isFalse();
        assertThat(ended).containsExactly(s);
    }

    @Test
    void aHalfConnectionSessionsFirstConnectionOnlyReceives() {
        VpnSession s = session(true);
        ConnectionDirection first = s.reserveConnection();
        ConnectionDirection second = s.reserveConnection();
        assertThat(first).isEqualTo(ConnectionDirection.CLIENT_TO_SERVER);
        assertThat(second).isEqualTo(ConnectionDirection.SERVER_TO_CLIENT);
        EmbeddedChannel ch = new EmbeddedChannel(s.newConnection(first));
        assertThat(keepAlivesWritten(ch)).as("nothing is sent on a client-to-server connection").isZero();
    }
}
