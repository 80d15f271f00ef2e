package io.hubfarm.node.cluster;

import io.hubfarm.failover.IssuedTickets;
import io.hubfarm.failover.Liveness;
import io.hubfarm.failover.MonotonicClock;
import io.hubfarm.failover.NodeCandidate;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.Lease;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.cluster.NodeView;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster as this node last read it, refreshed every second: every node with its load and the
 * sessions on their way to it, who holds the controller lease, and each node's redirect address
 * (resolved here, off the login path). Intake places sessions from this snapshot plus the sessions
 * it sent since ({@link IssuedTickets}); it never waits for the controller.
 */
public final class ClusterView {
    private static final Logger log = LoggerFactory.getLogger(ClusterView.class);

    /** A node's address for redirects, or why there is none. */
    public record RedirectAddress(Optional<InetAddress> address, List<Integer> ports, String problem) {
    }

    private record Snapshot(List<NodeView> nodes, Lease lease, Map<Long, RedirectAddress> addresses) {
    }

    private final NodeRepository nodes;
    private final ControllerLeaseRepository lease;
    private final Liveness liveness;
    private final MonotonicClock clock;
    private final IssuedTickets issued;
    private volatile Snapshot snapshot;

    public ClusterView(NodeRepository nodes, ControllerLeaseRepository lease, Liveness liveness, MonotonicClock clock) {
        this.nodes = nodes;
        this.lease = lease;
        this.liveness = liveness;
        this.clock = clock;
        this.issued = new IssuedTickets(clock);
    }

    /** Reads the nodes and the lease. Throws if the database cannot answer; the last snapshot stays. */
    public void refresh() {
        long started = clock.nanoTime();
        List<NodeView> fresh = nodes.view();
        Lease current = lease.current();
        Snapshot before = snapshot;
        Map<Long, RedirectAddress> addresses = new HashMap<>();
        for (NodeView v : fresh) {
            RedirectAddress old = before == null ? null : before.addresses().get(v.row().id());
            addresses.put(v.row().id(), resolve(v.row(), old));
        }
        snapshot = new Snapshot(fresh, current, addresses);
        issued.viewRead(started);
    }

    /** Every node as a candidate for a new session, counting what this node sent since the last read. */
    public List<NodeCandidate> candidates() {
        Snapshot s = snapshot;
        if (s == null) {
            return List.of();
        }
        List<NodeCandidate> out = new ArrayList<>(s.nodes().size());
        for (NodeView v : s.nodes()) {
            boolean holdsLease = s.lease().isHeldBy(v.row().id()) && s.lease().remaining().isPositive();
            out.add(NodeCandidate.from(v.row(), v.onTheirWay(), liveness, holdsLease, issued.pendingFor(v.row().id())));
        }
        return out;
    }

    public RedirectAddress redirectAddress(long nodeId) {
        Snapshot s = snapshot;
        RedirectAddress a = s == null ? null : s.addresses().get(nodeId);
        return a != null ? a : new RedirectAddress(Optional.empty(), List.of(), "node " + nodeId + " is not in the view");
    }

    /** Counts a session being sent to {@code nodeId} until a view shows it (see {@link IssuedTickets#sending}). */
    public IssuedTickets.Sending sending(long nodeId) {
        return issued.sending(nodeId);
    }

    private static RedirectAddress resolve(NodeRow row, RedirectAddress previous) {
        List<Integer> ports = row.publicPortList();
        String host = row.publicHost() != null && !row.publicHost().isBlank() ? row.publicHost() : row.firstListenHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            return new RedirectAddress(Optional.empty(), ports, "node '" + row.name()
                    + "' listens on every address and has no public-address: clients cannot be redirected to it");
        }
        if (ports.isEmpty()) {
            return new RedirectAddress(Optional.empty(), ports, "node '" + row.name() + "' has no public port");
        }
        if (previous != null && previous.address().isPresent() && host.equals(previous.address().get().getHostAddress())) {
            return new RedirectAddress(previous.address(), ports, "");
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a instanceof Inet4Address) {
                    return new RedirectAddress(Optional.of(a), ports, "");
                }
            }
            return new RedirectAddress(Optional.empty(), ports, "node '" + row.name() + "' public address " + host
                    + " has no IPv4 address (the SoftEther client follows redirects to IPv4 only)");
        } catch (UnknownHostException e) {
            log.warn("Cannot resolve node '{}' public address {}: {}", row.name(), host, e.getMessage());
            return previous != null ? previous : new RedirectAddress(Optional.empty(), ports,
                    "node '" + row.name() + "' public address " + host + " does not resolve");
        }
    }
}
