package io.hubfarm.node.protocol.softether;

import java.time.Instant;

/**
 * SoftEther's 64-bit times (admin RPC fields such as CreatedTime): milliseconds since 1970 UTC
 * less nine hours (Mayaqua's SystemToUINT64 subtracts 32 400 000 ms, and its readers add them
 * back). 0 means "never", as in SoftEther.
 */
public final class SoftEtherTime {
    static final long OFFSET_MILLIS = 32_400_000L;

    private SoftEtherTime() {
    }

    public static long of(Instant t) {
        if (t == null) {
            return 0;
        }
        return Math.max(0, t.toEpochMilli() - OFFSET_MILLIS);
    }
}
