package io.hubfarm.dns;

import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.dns.DnsResponderRepository;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the live set from the database and keeps the current {@link DnsSnapshot}; {@link #refresh()} runs
 * with the heartbeat, queries read {@link #current()}. If the database cannot be read the last snapshot
 * stays (nodes keep answering through an outage, as they keep serving sessions). Public host names of
 * nodes are looked up here, never while answering, and the last good lookup is kept when one fails.
 */
public final class SnapshotSource {
    private static final Logger log = LoggerFactory.getLogger(SnapshotSource.class);

    private final ClusterSettings settings;
    private final NodeRepository nodes;
    private final ControllerLeaseRepository lease;
    private final DnsResponderRepository responders;
    private final Duration deadAfter;
    private final LongSupplier epochSeconds;
    private final Map<String, List<InetAddress>> resolved = new ConcurrentHashMap<>();
    private volatile DnsSnapshot current = DnsSnapshot.UNCONFIGURED;
    private volatile String settingsProblem = "";

    /** @param epochSeconds the wall clock, for SOA serials only (a serial is a version, not a time anyone compares) */
    public SnapshotSource(ClusterSettings settings, NodeRepository nodes, ControllerLeaseRepository lease,
                          DnsResponderRepository responders, Duration deadAfter, LongSupplier epochSeconds) {
        this.settings = settings;
        this.nodes = nodes;
        this.lease = lease;
        this.responders = responders;
        this.deadAfter = deadAfter;
        this.epochSeconds = epochSeconds;
    }

    public DnsSnapshot current() {
        return current;
    }

    /**
     * Reads the cluster again; a change of content gets a new, larger serial. The responder's duty and the
     * controller's updates both call it, each on its own thread.
     */
    public synchronized DnsSnapshot refresh() {
        Map<String, String> stored = new HashMap<>(settings.all());
        Optional<DnsSettings> dns;
        try {
            dns = DnsSettings.from(stored);
            settingsProblem = "";
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().equals(settingsProblem)) {
                log.warn("DNS settings are invalid, so the responder refuses every query: {} (fix with 'hubfarm dns "
                        + "configure')", e.getMessage());
            }
            settingsProblem = e.getMessage();
            dns = Optional.empty();
        }
        DnsSnapshot previous = current;
        DnsSnapshot next = dns.map(s -> DnsSnapshot.of(s, nodes.list(), lease.current(), responders.nodeIds(),
                deadAfter, this::resolve, previous.serial())).orElse(DnsSnapshot.UNCONFIGURED);
        if (!next.sameContent(previous)) {
            next = next.withSerial(Math.max(previous.serial() + 1, epochSeconds.getAsLong()));
            log.info("DNS answers now: {} -> {} (serial {})", next.settings().map(s -> s.clusterName().text()).orElse("-"),
                    addresses(next), next.serial());
        } else {
            next = previous;
        }
        current = next;
        return next;
    }

    private static String addresses(DnsSnapshot s) {
        return s.ipv4().stream().map(InetAddress::getHostAddress).toList()
                + (s.ipv6().isEmpty() ? "" : " " + s.ipv6().stream().map(InetAddress::getHostAddress).toList());
    }

    private List<InetAddress> resolve(String host) {
        try {
            List<InetAddress> addresses = List.of(InetAddress.getAllByName(host));
            resolved.put(host, addresses);
            return addresses;
        } catch (UnknownHostException e) {
            List<InetAddress> last = resolved.getOrDefault(host, List.of());
            log.warn("Cannot resolve node address {} for DNS answers: {}; {}", host, e.getMessage(),
                    last.isEmpty() ? "left out" : "keeping " + last);
            return last;
        }
    }
}
