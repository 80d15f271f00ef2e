package io.hubfarm.dns;

import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.Lease;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller keeps an external primary server's records of the cluster name equal to the live set:
 * run with the heartbeat on every node, it acts only on the node holding the lease, sends an update when
 * the set (or the term, or the target) changed since its last successful one, and checks again that it
 * still holds the lease in the same term right before sending, so a deposed controller does not
 * overwrite its successor. A failing update is retried with a delay doubling from 1 s to 60 s.
 */
public final class ControllerDnsUpdates {
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(ControllerDnsUpdates.class);

    private final Supplier<DnsSnapshot> live;
    private final ClusterSettings settings;
    private final ControllerLeaseRepository lease;
    private final long nodeId;
    private final Rfc2136Updater updater;
    private final LongSupplier nanoTime;
    private Pushed pushed;
    private Duration retry = Duration.ZERO;
    private long nextAttempt;
    private String failing = "";

    /** What the server was last told, in which term. */
    private record Pushed(long epoch, DnsUpdateTarget target, List<? extends InetAddress> ipv4,
                          List<? extends InetAddress> ipv6) {
    }

    /**
     * @param live the current live set: {@link SnapshotSource#current()} where the node's responder already
     *             refreshes it with the heartbeat, else {@link SnapshotSource#refresh()}
     */
    public ControllerDnsUpdates(Supplier<DnsSnapshot> live, ClusterSettings settings, ControllerLeaseRepository lease, long nodeId,
                                Rfc2136Updater updater, LongSupplier nanoTime) {
        this.live = live;
        this.settings = settings;
        this.lease = lease;
        this.nodeId = nodeId;
        this.updater = updater;
        this.nanoTime = nanoTime;
    }

    /** @return true if an update was sent and accepted by this call */
    public synchronized boolean run() {
        Lease term = lease.current();
        if (!term.isHeldBy(nodeId)) {
            pushed = null; // a later term here must push again: the set may have changed meanwhile
            return false;
        }
        DnsSnapshot snapshot = live.get();
        if (snapshot.settings().isEmpty()) {
            return false;
        }
        Map<String, String> stored = settings.all();
        Optional<DnsUpdateTarget> target;
        try {
            target = DnsUpdateTarget.from(stored, snapshot.settings().get());
        } catch (IllegalArgumentException e) {
            fail("the update settings are invalid: " + e.getMessage());
            return false;
        }
        if (target.isEmpty()) {
            return false;
        }
        Pushed wanted = new Pushed(term.epoch(), target.get(), snapshot.ipv4(), snapshot.ipv6());
        if (wanted.equals(pushed) || (!retry.isZero() && nanoTime.getAsLong() - nextAttempt < 0)) {
            return false;
        }
        Lease now = lease.current();
        if (!now.isHeldBy(nodeId) || now.epoch() != term.epoch()) {
            return false; // deposed meanwhile: the new controller pushes
        }
        DnsSettings dns = snapshot.settings().get();
        try {
            updater.replace(target.get(), dns.clusterName(), dns.ttl(), snapshot.ipv4(), snapshot.ipv6());
        } catch (DnsUpdateException e) {
            fail(e.getMessage());
            return false;
        }
        pushed = wanted;
        retry = Duration.ZERO;
        if (!failing.isEmpty()) {
            log.info("DNS updates to {} work again", target.get().serverHost());
            failing = "";
        }
        log.info("Updated {} on {}:{} (term {}): {} {}", dns.clusterName(), target.get().serverHost(),
                target.get().serverPort(), term.epoch(), snapshot.ipv4().stream().map(InetAddress::getHostAddress).toList(),
                snapshot.ipv6().isEmpty() ? "" : snapshot.ipv6().stream().map(InetAddress::getHostAddress).toList());
        return true;
    }

    private void fail(String why) {
        retry = retry.isZero() ? FIRST_RETRY : min(retry.multipliedBy(2), MAX_RETRY);
        nextAttempt = nanoTime.getAsLong() + retry.toNanos();
        if (!Objects.equals(failing, why)) {
            log.warn("DNS update failed: {} (retrying with a growing delay up to {} s)", why, MAX_RETRY.toSeconds());
            failing = why;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
