package io.hubfarm.node.protocol.softether;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds on connections that have not logged in yet: how many at once in total and per source
 * address, and how long one may take. A client that never finishes its login holds a slot only
 * until {@link #timeout()}.
 */
public final class HandshakeLimits {
    public static final int DEFAULT_MAX_TOTAL = 1000;
    public static final int DEFAULT_MAX_PER_ADDRESS = 64;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final int maxTotal;
    private final int maxPerAddress;
    private final Duration timeout;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public HandshakeLimits(int maxTotal, int maxPerAddress, Duration timeout) {
        if (maxTotal < 1 || maxPerAddress < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("handshake limits must be positive");
        }
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.timeout = timeout;
    }

    public static HandshakeLimits defaults() {
        return new HandshakeLimits(DEFAULT_MAX_TOTAL, DEFAULT_MAX_PER_ADDRESS, DEFAULT_TIMEOUT);
    }

    public Duration timeout() {
        return timeout;
    }

    /** @return false if the connection must be refused; otherwise it must be {@link #release}d exactly once */
    public boolean tryAcquire(InetAddress source) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return false;
        }
        boolean[] admitted = {false};
        perAddress.compute(source, (address, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (c.get() < maxPerAddress) {
                c.incrementAndGet();
                admitted[0] = true;
            }
            return c;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
        }
        return admitted[0];
    }

    public void release(InetAddress source) {
        total.decrementAndGet();
        perAddress.computeIfPresent(source, (address, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    public int inProgress() {
        return total.get();
    }
}
