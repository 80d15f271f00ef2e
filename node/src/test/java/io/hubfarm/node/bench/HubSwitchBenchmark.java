package io.hubfarm.node.bench;

import io.hubfarm.node.hub.EthernetFrame;
import io.hubfarm.node.hub.HubLimits;
import io.hubfarm.node.hub.HubMember;
import io.hubfarm.node.hub.HubPort;
import io.hubfarm.node.hub.MacAddress;
import io.hubfarm.node.hub.TrafficCounters;
import io.hubfarm.node.hub.VirtualHub;
import io.hubfarm.node.time.NodeClock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Frames per second through a virtual hub's switching path ({@link HubMember#forward}), with every
 * member's address learned and ports that only count. One operation is one frame sent into the hub:
 * {@code unicast} goes to exactly one member (the common case: member i talks to member i+1),
 * {@code broadcast} is delivered to all {@code members - 1} others. The hub is shared by all benchmark
 * threads, so {@code -t N} measures contention on one hub. Run with {@code scripts/bench-hub}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HubSwitchBenchmark {

    @State(Scope.Benchmark)
    public static class Hub {
        @Param({"2", "100", "1000"})
        public int members;

        VirtualHub hub;
        HubMember[] senders;
        EthernetFrame[] unicast;
        EthernetFrame[] broadcast;
        LongAdder delivered;

        @Setup(Level.Trial)
        public void attachAndLearn() {
            hub = new VirtualHub("bench", HubLimits.DEFAULT, NodeClock.system());
            delivered = new LongAdder();
            senders = new HubMember[members];
            unicast = new EthernetFrame[members];
            broadcast = new EthernetFrame[members];
            for (int i = 0; i < members; i++) {
                senders[i] = hub.attach(new CountingPort("port-" + i, delivered));
            }
            for (int i = 0; i < members; i++) {
                unicast[i] = frame(mac(i), mac((i + 1) % members));
                broadcast[i] = frame(mac(i), MacAddress.BROADCAST);
                senders[i].forward(broadcast[i]); // learn every address before measuring
            }
            if (hub.macTableSize() != members) {
                throw new IllegalStateException("expected " + members + " learned addresses, got " + hub.macTableSize());
            }
        }

        /** A benchmark that switched nothing would look fast: check every delivery was counted. */
        @TearDown(Level.Trial)
        public void checkDeliveries() {
            TrafficCounters counters = hub.counters();
            long sent = counters.sendBroadcastCount() + counters.sendUnicastCount();
            if (sent != delivered.sum() || sent <= (long) members * (members - 1)) {
                throw new IllegalStateException("hub sent " + sent + " frames, ports got " + delivered.sum());
            }
            hub.stop();
        }
    }

    /** Each benchmark thread walks the members on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance(int members) {
            int at = next;
            next = at + 1 == members ? 0 : at + 1;
            return at;
        }
    }

    @Benchmark
    public void unicast(Hub state, Cursor cursor) {
        int at = cursor.advance(state.members);
        state.senders[at].forward(state.unicast[at]);
    }

    @Benchmark
    public void broadcast(Hub state, Cursor cursor) {
        int at = cursor.advance(state.members);
        state.senders[at].forward(state.broadcast[at]);
    }

    static long mac(int i) {
        return 0x02_00_00_00_00_00L | i; // locally administered, individual
    }

    /** A typical small frame: 60 bytes, IPv4. */
    static EthernetFrame frame(long source, long destination) {
        byte[] bytes = new byte[60];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (destination >>> (40 - 8 * i));
            bytes[6 + i] = (byte) (source >>> (40 - 8 * i));
        }
        bytes[12] = 0x08;
        return EthernetFrame.wrap(bytes);
    }

    /** A port that counts what it is given, as cheaply as a thread-safe sink can. */
    record CountingPort(String name, LongAdder delivered) implements HubPort {
        @Override
        public void deliver(EthernetFrame frame) {
            delivered.increment();
        }

        @Override
        public void hubStopped() {
        }
    }
}
