package io.hubfarm.node.protocol.softether.tunnel;

import java.util.random.RandomGenerator;

/**
 * When the next keep-alive is due after a send (spec §6.2): a random time in
 * [timeout/5, timeout/2), which is every 4–10 s with the usual 20 s timeout — so the peer's receive
 * timeout never fires on a connection that is merely quiet.
 */
public final class KeepAliveSchedule {
    private final RandomGenerator random;

    public KeepAliveSchedule(RandomGenerator random) {
        this.random = random;
    }

    public long nextDelayMillis(int timeoutMillis) {
        long low = timeoutMillis / 5;
        long high = timeoutMillis / 2;
        return high > low ? random.nextLong(low, high) : Math.max(low, 1);
    }
}
