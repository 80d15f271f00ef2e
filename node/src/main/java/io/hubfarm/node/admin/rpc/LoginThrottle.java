package io.hubfarm.node.admin.rpc;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows password guessing per source address (issue 6): after a failed admin login, each further
 * failure from that address within {@link #FORGET_AFTER} is answered later, the delay doubling from
 * {@link #FIRST_DELAY} up to {@link #MAX_DELAY}; after {@link #LOCKOUT_AFTER} failures the address
 * is locked out for {@link #LOCKOUT}, when even the right password is refused. A success clears
 * the address. At most {@link #MAX_ADDRESSES} addresses are remembered, the longest quiet
 * forgotten first, so a flood of sources cannot exhaust memory. Thread-safe; time from a monotonic
 * nanosecond clock.
 */
public final class LoginThrottle {
    public static final Duration FIRST_DELAY = Duration.ofMillis(500);
    public static final Duration MAX_DELAY = Duration.ofSeconds(8);
    public static final int LOCKOUT_AFTER = 10;
    public static final Duration LOCKOUT = Duration.ofMinutes(5);
    public static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    public static final int MAX_ADDRESSES = 10_000;

    /** What to do with a login attempt from an address, before its password is checked. */
    public sealed interface Verdict {
        /** Check the password. */
        record Check() implements Verdict {
        }

        /** Refuse without checking: the address is locked out for {@code remaining}. */
        record LockedOut(Duration remaining) implements Verdict {
        }
    }

    private static final class Failures {
        int count;
        long lastNanos;
        long lockedUntilNanos;
        boolean locked;
    }

    private final LongSupplier nanoTime;
    private final Map<InetAddress, Failures> byAddress = new LinkedHashMap<>(16, 0.75f, true);

    public LoginThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    public synchronized Verdict before(InetAddress address) {
        Failures f = current(address);
        if (f != null && f.locked) {
            long left = f.lockedUntilNanos - nanoTime.getAsLong();
            if (left > 0) {
                return new Verdict.LockedOut(Duration.ofNanos(left));
            }
            byAddress.remove(address);
        }
        return new Verdict.Check();
    }

    /**
     * Records a failed login and says how long to wait before answering it. The locking failure
     * itself is answered after the longest delay.
     */
    public synchronized Duration failed(InetAddress address) {
        long now = nanoTime.getAsLong();
        Failures f = current(address);
        if (f == null) {
            f = new Failures();
            byAddress.put(address, f);
            trim();
        }
        f.count++;
        f.lastNanos = now;
        if (f.count >= LOCKOUT_AFTER) {
            f.locked = true;
            f.lockedUntilNanos = now + LOCKOUT.toNanos();
            return MAX_DELAY;
        }
        long delay = FIRST_DELAY.toMillis() << Math.min(f.count - 1, 30);
        return Duration.ofMillis(Math.min(delay, MAX_DELAY.toMillis()));
    }

    public synchronized void succeeded(InetAddress address) {
        byAddress.remove(address);
    }

    private Failures current(InetAddress address) {
        Failures f = byAddress.get(address);
        if (f != null && !f.locked && nanoTime.getAsLong() - f.lastNanos >= FORGET_AFTER.toNanos()) {
            byAddress.remove(address);
            return null;
        }
        return f;
    }

    private void trim() {
        Iterator<Map.Entry<InetAddress, Failures>> it = byAddress.entrySet().iterator();
        while (byAddress.size() > MAX_ADDRESSES && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
