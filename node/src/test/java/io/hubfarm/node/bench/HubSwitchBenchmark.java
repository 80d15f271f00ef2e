package io.hubfarm.node.bench;

import io.hubfarm.node.hub.EthernetFrame;
import io.hubfarm.node.hub.HubLimits;
import io.hubfarm.node.hub.HubMember;
import io.hubfarm.node.hub.HubPort;
import io.hubfarm.node.hub.VirtualHub;
import io.hubfarm.node.time.NodeClock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Frames per second through a hub's switching path with 2, 100 and 1000 sessions: unicast between
 * learned pairs (the common case, a MAC lookup and one delivery) and broadcast (delivery to every other
 * member). Ports are counting sinks, so this measures the switch alone, not TLS or the network.
 * Run with {@code scripts/bench-hub}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HubSwitchBenchmark {
    @Param({"2", "100", "1000"})
    int sessions;

    private HubMember[] members;
    private EthernetFrame[] unicast;
    private EthernetFrame[] broadcast;

    static final class Sink implements HubPort {
        long frames;

        public String name() {
            return "sink";
        }

        public void deliver(EthernetFrame frame) {
            frames++;
        }

        public void hubStopped() {
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        VirtualHub hub = new VirtualHub("BENCH", HubLimits.DEFAULT, NodeClock.system());
        members = new HubMember[sessions];
        unicast = new EthernetFrame[sessions];
        broadcast = new EthernetFrame[sessions];
        for (int i = 0; i < sessions; i++) {
            members[i] = hub.attach(new Sink());
        }
        for (int i = 0; i < sessions; i++) {
            long self = 0x0200_0000_0000L + i;
            long peer = 0x0200_0000_0000L + (i ^ 1) % sessions;
            broadcast[i] = frame(0xFFFF_FFFF_FFFFL, self);
            unicast[i] = frame(peer, self);
            members[i].forward(broadcast[i]); // learn every address
        }
    }

    private static EthernetFrame frame(long destination, long source) {
        byte[] b = new byte[1000];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (destination >>> (40 - 8 * i));
            b[6 + i] = (byte) (source >>> (40 - 8 * i));
        }
        b[12] = 0x08;
        return EthernetFrame.wrap(b);
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    @Threads(2)
    public void unicast(Cursor cursor) {
        int i = cursor.next++ % sessions;
        members[i].forward(unicast[i]);
    }

    @Benchmark
    @Threads(2)
    public void broadcast(Cursor cursor) {
        int i = cursor.next++ % sessions;
        members[i].forward(broadcast[i]);
    }
}
