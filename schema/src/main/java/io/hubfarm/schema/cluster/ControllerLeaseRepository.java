package io.hubfarm.schema.cluster;

import java.time.Duration;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The one-row controller lease (design.md section 2). Every statement is a single conditional
 * UPDATE evaluated by the database against its own clock, so two nodes can never both win.
 */
public final class ControllerLeaseRepository {
    private final Jdbi jdbi;

    public ControllerLeaseRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Takes the lease if it is free or expired, starting a new term. Returns the new epoch, or
     * empty if another node holds a lease that has not expired (or this node already holds it:
     * then it must {@link #renew}).
     */
    public OptionalLong tryAcquire(long nodeId, Duration ttl) {
        return jdbi.inTransaction(h -> {
            int won = h.createUpdate("""
                    UPDATE controller_lease
                    SET epoch = epoch + 1, holder_id = :node, acquired_at = NOW(3),
                        expires_at = NOW(3) + INTERVAL :ttlUs MICROSECOND
                    WHERE id = 1 AND (holder_id IS NULL OR expires_at < NOW(3))""")
                    .bind("node", nodeId).bind("ttlUs", micros(ttl)).execute();
            return won == 1 ? OptionalLong.of(epoch(h)) : OptionalLong.empty();
        });
    }

    /** Extends the holder's term. False if the term is over: the lease expired or someone took it. */
    public boolean renew(long nodeId, long epoch, Duration ttl) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE controller_lease SET expires_at = NOW(3) + INTERVAL :ttlUs MICROSECOND
                WHERE id = 1 AND holder_id = :node AND epoch = :epoch AND expires_at >= NOW(3)""")
                .bind("node", nodeId).bind("epoch", epoch).bind("ttlUs", micros(ttl)).execute()) == 1;
    }

    /** Gives the lease up at once (a clean stop), so another node need not wait for it to expire. */
    public boolean release(long nodeId, long epoch) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE controller_lease SET holder_id = NULL, expires_at = NOW(3)
                WHERE id = 1 AND holder_id = :node AND epoch = :epoch""")
                .bind("node", nodeId).bind("epoch", epoch).execute()) == 1;
    }

    public Lease current() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT holder_id, epoch, TIMESTAMPDIFF(MICROSECOND, NOW(3), expires_at) AS remaining_us
                FROM controller_lease WHERE id = 1""")
                .map((rs, ctx) -> {
                    long holder = rs.getLong("holder_id");
                    OptionalLong holderId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(holder);
                    return new Lease(holderId, rs.getLong("epoch"),
                            Duration.ofNanos(rs.getLong("remaining_us") * 1_000L));
                }).one());
    }

    private static long epoch(Handle h) {
        return h.createQuery("SELECT epoch FROM controller_lease WHERE id = 1").mapTo(Long.class).one();
    }

    private static long micros(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, not " + d);
        }
        return d.toNanos() / 1_000L;
    }
}
