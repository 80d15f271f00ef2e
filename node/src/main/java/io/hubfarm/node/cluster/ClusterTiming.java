package io.hubfarm.node.cluster;

import io.hubfarm.failover.ControllerSweep;
import io.hubfarm.failover.LeaseTiming;
import io.hubfarm.failover.Liveness;
import io.hubfarm.schema.cluster.ClusterSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's timing, from {@code cluster_settings} (every node must use the same values, so they
 * live in the database, not in a node's config): heartbeat interval, {@code dead_after}, the
 * controller lease's ttl, and how long an empty dynamic hub keeps its placement.
 */
public record ClusterTiming(Duration heartbeat, Duration deadAfter, Duration leaseTtl, Duration emptyHubGrace) {
    public static final String HEARTBEAT = "cluster.heartbeat-ms";
    public static final String DEAD_AFTER = "cluster.dead-after-ms";
    public static final String LEASE_TTL = "cluster.lease-ttl-ms";
    public static final String EMPTY_HUB_GRACE = "cluster.dynamic-hub-grace-ms";
    /** The settings this record reads, for the CLI to validate names against. */
    public static final List<String> SETTINGS = List.of(HEARTBEAT, DEAD_AFTER, LEASE_TTL, EMPTY_HUB_GRACE);

    public static final ClusterTiming DEFAULTS = new ClusterTiming(Duration.ofSeconds(1), Liveness.DEFAULT_DEAD_AFTER,
            LeaseTiming.DEFAULT_TTL, ControllerSweep.DEFAULT_EMPTY_HUB_GRACE);

    public ClusterTiming {
        if (heartbeat.compareTo(deadAfter) >= 0) {
            throw new IllegalArgumentException(HEARTBEAT + " (" + heartbeat.toMillis() + ") must be shorter than "
                    + DEAD_AFTER + " (" + deadAfter.toMillis() + ")");
        }
        LeaseTiming.of(leaseTtl); // validates
        new Liveness(deadAfter);
        new ControllerSweep(new Liveness(deadAfter), emptyHubGrace);
    }

    public static ClusterTiming read(ClusterSettings settings) {
        return from(settings.all());
    }

    /** @throws IllegalArgumentException naming the setting that is not a positive number of milliseconds */
    public static ClusterTiming from(Map<String, String> settings) {
        return new ClusterTiming(
                millis(settings, HEARTBEAT).orElse(DEFAULTS.heartbeat()),
                millis(settings, DEAD_AFTER).orElse(DEFAULTS.deadAfter()),
                millis(settings, LEASE_TTL).orElse(DEFAULTS.leaseTtl()),
                millis(settings, EMPTY_HUB_GRACE).orElse(DEFAULTS.emptyHubGrace()));
    }

    public Liveness liveness() {
        return new Liveness(deadAfter);
    }

    public LeaseTiming lease() {
        return LeaseTiming.of(leaseTtl);
    }

    private static Optional<Duration> millis(Map<String, String> settings, String name) {
        String value = settings.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            long ms = Long.parseLong(value.trim());
            if (ms <= 0) {
                throw new NumberFormatException();
            }
            return Optional.of(Duration.ofMillis(ms));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cluster setting " + name + " must be a positive number of milliseconds, not '"
                    + value + "'");
        }
    }
}
