package io.hubfarm.dns;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's DNS settings (cluster-wide, in {@code cluster_settings}): the name clients use, the zone
 * the responders are authoritative for (the name itself unless delegated higher up) and the TTL of the
 * address records, short so that a dead node leaves resolvers' caches quickly.
 */
public record DnsSettings(DnsName clusterName, DnsName zone, Duration ttl) {
    public static final String NAME = "dns.name";
    public static final String ZONE = "dns.zone";
    public static final String TTL = "dns.ttl-seconds";
    public static final List<String> KEYS = List.of(NAME, ZONE, TTL);
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
    static final long MAX_TTL_SECONDS = 86_400;

    public DnsSettings {
        if (!clusterName.isWithin(zone)) {
            throw new IllegalArgumentException(NAME + " " + clusterName + " is not within " + ZONE + " " + zone);
        }
        if (zone.equals(DnsName.ROOT)) {
            throw new IllegalArgumentException(ZONE + " cannot be the root zone");
        }
        if (ttl.isNegative() || ttl.toSeconds() > MAX_TTL_SECONDS) {
            throw new IllegalArgumentException(TTL + " is 0 to " + MAX_TTL_SECONDS + " seconds, not " + ttl.toSeconds());
        }
    }

    /**
     * The settings from the stored key/values; empty while {@value #NAME} is not set (the responder then
     * refuses every query).
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static Optional<DnsSettings> from(Map<String, String> stored) {
        String name = stored.get(NAME);
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        DnsName clusterName = parse(NAME, name);
        DnsName zone = stored.containsKey(ZONE) && !stored.get(ZONE).isBlank() ? parse(ZONE, stored.get(ZONE)) : clusterName;
        Duration ttl = DEFAULT_TTL;
        if (stored.containsKey(TTL)) {
            try {
                ttl = Duration.ofSeconds(Long.parseLong(stored.get(TTL).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(TTL + " '" + stored.get(TTL) + "' is not a number of seconds");
            }
        }
        return Optional.of(new DnsSettings(clusterName, zone, ttl));
    }

    private static DnsName parse(String key, String value) {
        try {
            return DnsName.of(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }
}
