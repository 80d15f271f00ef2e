package io.hubfarm.schema.cluster;

/**
 * The condition every controller write carries (design.md section 2): the term the controller
 * acts under, named by its epoch, is still the lease's and has not expired by the database clock.
 * Joined into an UPDATE or DELETE, it turns the write into a no-op for a deposed controller, however
 * late its statement arrives. Bind {@code :epoch}.
 */
public final class LeaseFence {
    /** A join on the lease row; alias {@code fence}. */
    public static final String JOIN =
            "JOIN controller_lease fence ON fence.id = 1 AND fence.epoch = :epoch AND fence.expires_at >= NOW(3)";

    private LeaseFence() {
    }
}
