package io.hubfarm.failover.db;

import io.hubfarm.failover.LeaseStore;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import java.time.Duration;
import java.util.OptionalLong;

/** The controller lease row as the election's {@link LeaseStore}. */
public final class DatabaseLeaseStore implements LeaseStore {
    private final ControllerLeaseRepository lease;

    public DatabaseLeaseStore(ControllerLeaseRepository lease) {
        this.lease = lease;
    }

    @Override
    public OptionalLong tryAcquire(long nodeId, Duration ttl) {
        return lease.tryAcquire(nodeId, ttl);
    }

    @Override
    public boolean renew(long nodeId, long epoch, Duration ttl) {
        return lease.renew(nodeId, epoch, ttl);
    }

    @Override
    public boolean release(long nodeId, long epoch) {
        return lease.release(nodeId, epoch);
    }
}
