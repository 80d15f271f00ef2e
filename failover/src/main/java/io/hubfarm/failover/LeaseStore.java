package io.hubfarm.failover;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Where the controller lease lives: in a node, the one-row table behind
 * {@code io.hubfarm.schema.cluster.ControllerLeaseRepository}, whose methods have these exact
 * signatures. Each call is one conditional statement evaluated against the store's own clock.
 * Any call may throw an unchecked exception when the store cannot be reached.
 */
public interface LeaseStore {
    /** Starts a new term for {@code nodeId} if the lease is free or expired: the new epoch, else empty. */
    OptionalLong tryAcquire(long nodeId, Duration ttl);

    /** Extends the term {@code epoch} of {@code nodeId}; false if that term is over. */
    boolean renew(long nodeId, long epoch, Duration ttl);

    /** Ends the term at once; false if it was already over. */
    boolean release(long nodeId, long epoch);
}
