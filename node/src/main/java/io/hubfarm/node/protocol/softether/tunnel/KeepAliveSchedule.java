package io.hubfarm.node.protocol.softether.tunnel;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to send the next keep-alive on a connection (spec §6.2): after any send, re-arm the timer to a
 * random delay in [timeout/5, timeout/2), where timeout is the session's {@code timeout} from the
 * welcome. With 20 s that is every 4 to 10 s, so a peer that closes connections silent for one
 * timeout always hears from us at least twice per window.
 *
 * <p>SoftEther's {@code GenNextKeepAliveSpan} (Cedar/Connection.c) computes
 * {@code max(rand() % (timeout/2), timeout/5)}, which piles a fifth of its draws onto the lower bound;
 * we draw uniformly over the same range, which the peer cannot tell apart and spreads the load of many
 * sessions better.
 */
public final class KeepAliveSchedule {

    private final RandomGenerator random;

    public KeepAliveSchedule(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A delay in [timeoutMillis/5, timeoutMillis/2) milliseconds; {@code timeoutMillis} must be ≥ 2. */
    public long nextDelayMillis(int timeoutMillis) {
        if (timeoutMillis < 2) {
            throw new IllegalArgumentException("session timeout must be at least 2 ms, not " + timeoutMillis);
        }
        return random.nextLong(timeoutMillis / 5, timeoutMillis / 2);
    }
}
