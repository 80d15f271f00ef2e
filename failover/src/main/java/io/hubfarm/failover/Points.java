package io.hubfarm.failover;

/**
 * SoftEther's load score for a node (its {@code SiCalcPoint}; spec section 8.1):
 * {@code points = (M - min(S*100/W, M)) * 100000 / M}, with S the node's sessions, W its weight
 * and M its maximum sessions. An empty node scores {@value #MAX}; the score falls as sessions per
 * unit of weight grow and is 0 once {@code S*100/W} reaches M. A new session goes to the node with
 * the highest points, so sessions spread in proportion to weight.
 *
 * <p>Rounding: SoftEther evaluates the formula in floating point and truncates. Here it is
 * evaluated exactly in {@code long} arithmetic as
 * {@code floor((M*W - min(S*100, M*W)) * 100000 / (M*W))}, which is the same number without the
 * floating-point error, and, unlike truncating {@code S*100/W} on its own, still tells 0 and 1
 * sessions apart on a node of weight 200. Two nodes with the same sessions per weight score the
 * same points. With W at most {@value #MAX_WEIGHT} and M an {@code int}, no product overflows.
 */
public final class Points {
    /** The score of a node with no sessions. */
    public static final int MAX = 100_000;
    /** The manual's default maximum sessions per node. */
    public static final int DEFAULT_MAX_SESSIONS = 4096;
    /** SoftEther's "standard ratio": a weight of 0 also means this. */
    public static final int DEFAULT_WEIGHT = 100;
    /** The largest weight the {@code nodes} table accepts. */
    public static final int MAX_WEIGHT = 10_000;

    private Points() {
    }

    /**
     * The points of a node.
     *
     * @param sessions    its sessions (the caller may add sessions it knows are on their way)
     * @param maxSessions its limit, at least 1
     * @param weight      0 (meaning {@value #DEFAULT_WEIGHT}) to {@value #MAX_WEIGHT}
     */
    public static int of(int sessions, int maxSessions, int weight) {
        checkSessions(sessions, maxSessions);
        long capacity = (long) maxSessions * effectiveWeight(weight);
        long used = Math.min((long) sessions * 100L, capacity);
        return (int) ((capacity - used) * MAX / capacity);
    }

    /** A node at its limit takes no new session, whatever its points. */
    public static boolean isFull(int sessions, int maxSessions) {
        checkSessions(sessions, maxSessions);
        return sessions >= maxSessions;
    }

    /** The weight the formula uses: SoftEther reads 0 as the standard ratio. */
    public static int effectiveWeight(int weight) {
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be 0 to " + MAX_WEIGHT + ", not " + weight);
        }
        return weight == 0 ? DEFAULT_WEIGHT : weight;
    }

    private static void checkSessions(int sessions, int maxSessions) {
        if (sessions < 0) {
            throw new IllegalArgumentException("sessions must not be negative, not " + sessions);
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("max sessions must be at least 1, not " + maxSessions);
        }
    }
}
