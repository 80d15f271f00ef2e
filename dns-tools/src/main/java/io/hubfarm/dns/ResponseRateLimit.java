package io.hubfarm.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Response rate limiting for UDP, so the responder cannot be used to flood a victim whose address is forged
 * in the queries: each client network (an IPv4 /24, an IPv6 /56) gets {@value #PER_SECOND} full answers a
 * second with a burst of {@value #BURST}; beyond that it gets only a truncated reply without records, as
 * small as the query, which a real resolver answers by asking again over TCP (where forging is not
 * possible). Loopback clients (local tools, benchmarks) are not limited. Memory is bounded: past
 * {@value #MAX_NETWORKS} networks the table starts afresh.
 */
final class ResponseRateLimit {
    static final int PER_SECOND = 100;
    static final int BURST = 200;
    static final int MAX_NETWORKS = 100_000;
    private static final long NANOS_PER_TOKEN = 1_000_000_000L / PER_SECOND;

    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Network, long[]> buckets = new ConcurrentHashMap<>();

    ResponseRateLimit(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** True if {@code client} may have a full answer now; counts it. */
    boolean allow(InetAddress client) {
        if (client.isLoopbackAddress()) {
            return true;
        }
        if (buckets.size() >= MAX_NETWORKS) {
            buckets.clear();
        }
        long now = nanoTime.getAsLong();
        // bucket[0]: when the bucket would be full again; a response costs one token's time.
        long[] bucket = buckets.computeIfAbsent(Network.of(client), k -> new long[] {now});
        synchronized (bucket) {
            long fullAt = Math.max(bucket[0], now);
            long next = fullAt + NANOS_PER_TOKEN;
            if (next - now > BURST * NANOS_PER_TOKEN) {
                return false;
            }
            bucket[0] = next;
            return true;
        }
    }

    private record Network(byte[] prefix) {
        static Network of(InetAddress a) {
            byte[] bytes = a.getAddress();
            return new Network(Arrays.copyOf(bytes, a instanceof Inet4Address ? 3 : 7));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Network n && Arrays.equals(prefix, n.prefix);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(prefix);
        }
    }
}
