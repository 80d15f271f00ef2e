package io.hubfarm.node;

import io.hubfarm.dns.ControllerDnsUpdates;
import io.hubfarm.dns.DnsResponder;
import io.hubfarm.dns.DnsSnapshot;
import io.hubfarm.dns.Rfc2136Updater;
import io.hubfarm.dns.SnapshotSource;
import io.hubfarm.failover.ControllerLease;
import io.hubfarm.failover.SelfFencing;
import io.hubfarm.failover.db.DatabaseLeaseStore;
import io.hubfarm.failover.db.SweepRunner;
import io.hubfarm.node.admin.AdminPasswordBootstrap;
import io.hubfarm.node.admin.DefaultHubBootstrap;
import io.hubfarm.node.admin.rpc.AdminRpc;
import io.hubfarm.node.cluster.ClusterTiming;
import io.hubfarm.node.cluster.ClusterView;
import io.hubfarm.node.cluster.ControllerRole;
import io.hubfarm.node.cluster.DynamicHubKeeper;
import io.hubfarm.node.cluster.Membership;
import io.hubfarm.node.cluster.SessionRouter;
import io.hubfarm.node.config.ConfigException;
import io.hubfarm.node.config.HostPort;
import io.hubfarm.node.config.NodeConfig;
import io.hubfarm.node.config.Setting;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.Database;
import io.hubfarm.schema.DatabaseSettings;
import io.hubfarm.schema.JdbcUrl;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.NodeRegistration;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.dns.DnsResponderRepository;
import io.hubfarm.schema.embedded.EmbeddedMariaDb;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.PlacementRepository;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.session.TicketRepository;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: its database (shared, or embedded for a one-node cluster), its registration
 * and heartbeat. Started pieces are stopped in reverse order, so the node marks itself offline
 * before its database goes away.
 */
public final class NodeDaemon implements AutoCloseable {
    static final String EMBEDDED_DATABASE = "hubfarm";
    /** How often a node checks, without the database, whether it must stop its dynamic hubs. */
    static final Duration FENCING_CHECK = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(NodeDaemon.class);

    private final NodeConfig config;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private NodeRow self;

    public NodeDaemon(NodeConfig config) {
        this.config = config;
    }

    public void start(PrintStream out) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new ConfigException("cannot create data directory " + config.dataDir() + " ("
                    + Setting.DATA_DIR.names() + "): " + e.getMessage(), e);
        }
        DatabaseSettings dbSettings = config.dbUrl()
                .map(url -> new DatabaseSettings(url, config.dbUser(), config.dbPassword(),
                        DatabaseSettings.DEFAULT_POOL_SIZE, DatabaseSettings.DEFAULT_CONNECT_TIMEOUT))
                .orElseGet(this::startEmbeddedDatabase);

        Database db = Database.connect(dbSettings);
        started.push(db);
        db.migrate();

        AdminPasswordBootstrap.ensure(new ClusterSettings(db.jdbi()), config,
                Optional.ofNullable(System.getenv("HUBFARM_ADMIN_PASSWORD")), out);
        if (config.dbUrl().isEmpty()) {
            DefaultHubBootstrap.ensure(new ClusterSettings(db.jdbi()), new HubRepository(db.jdbi()));
        }

        ClusterTiming timing;
        try {
            timing = ClusterTiming.read(new ClusterSettings(db.jdbi()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + " (fix it with 'hubfarm cluster set')");
        }
        NodeClock clock = NodeClock.system();
        NodeRegistration registration = new NodeRegistration(config.name(), config.listenText(),
                config.publicHost().orElse(null), config.publicPortsText(), config.weight(), VpnStack.MAX_SESSIONS,
                config.controllerOnly(), Version.get());
        SelfFencing fencing = new SelfFencing(clock::nanoTime, timing.liveness());
        Membership membership = new Membership(new NodeRepository(db.jdbi()), registration, timing.heartbeat(),
                timing.deadAfter(), fencing, clock::nanoTime);
        self = membership.start();
        started.push(membership);
        PlacementRepository placements = new PlacementRepository(db.jdbi());
        // Closed after the VPN stack, so no session is left on a hub this node no longer holds.
        started.push(() -> releasePlacements(placements, membership.self()));

        ClusterView view = new ClusterView(new NodeRepository(db.jdbi()), new ControllerLeaseRepository(db.jdbi()),
                timing.liveness(), clock::nanoTime);
        view.refresh();
        SessionRouter router = new SessionRouter(view, placements, membership::self, fencing, timing.liveness());
        VpnStack vpn = VpnStack.start(db, self.id(), config.listen(), ServerTlsBootstrap.sslContext(db, config, clock),
                clock, router, AdminRpc.logins(db, membership::self, clock));
        started.push(vpn);
        vpn.warmUpInBackground(clock);
        membership.reportLoadFrom(vpn::load);
        membership.afterRegisteringAgain(vpn::restoreSessionRows);

        DynamicHubKeeper keeper = new DynamicHubKeeper(vpn.hubs(), placements, membership::self, fencing);
        NodeDuties clusterDuties = new NodeDuties();
        started.push(clusterDuties);
        clusterDuties.every(timing.heartbeat(), "refresh the cluster view", view::refresh);
        clusterDuties.every(Duration.ofSeconds(1), "keep dynamic hubs in line with their placements", keeper::reconcile);
        NodeDuties fencingDuty = new NodeDuties();
        started.push(fencingDuty);
        fencingDuty.every(FENCING_CHECK, "stop dynamic hubs when fenced", keeper::enforceFencing);
        SweepRunner sweep = new SweepRunner(new NodeRepository(db.jdbi()), placements, new SessionRepository(db.jdbi()),
                new TicketRepository(db.jdbi()), timing.liveness(), timing.emptyHubGrace());
        ControllerLease lease = new ControllerLease(self.id(),
                new DatabaseLeaseStore(new ControllerLeaseRepository(db.jdbi())), clock::nanoTime, timing.lease());
        started.push(new ControllerRole(lease, sweep, timing.lease(), Duration.ofSeconds(1), clock::nanoTime).start());
        startDns(db, timing, clock);
        log.info("Node '{}' online (incarnation {}) on database {}, listen {}", self.name(), self.incarnation(),
                dbSettings.url().display(), config.listenText());
    }

    /**
     * The cluster's DNS: the responder, if this node runs one (registered as a name server of the zone,
     * answering from a snapshot refreshed with the heartbeat), and on every node the controller's updates of
     * an external server, which act only while this node holds the lease. Each has its own thread, so a slow
     * update does not age the answers.
     */
    private void startDns(Database db, ClusterTiming timing, NodeClock clock) {
        DnsResponderRepository responders = new DnsResponderRepository(db.jdbi());
        SnapshotSource answers = new SnapshotSource(new ClusterSettings(db.jdbi()), new NodeRepository(db.jdbi()),
                new ControllerLeaseRepository(db.jdbi()), responders, timing.deadAfter(),
                () -> clock.now().getEpochSecond());
        if (config.dnsListen().isPresent()) {
            HostPort listen = config.dnsListen().get();
            responders.register(self.id(), listen.toString());
            answers.refresh();
            DnsResponder responder;
            try {
                responder = DnsResponder.start(new InetSocketAddress(listen.host(), listen.port()), answers::current,
                        clock::nanoTime);
            } catch (IllegalStateException e) {
                responders.unregister(self.id());
                throw new ConfigException(e.getMessage() + " (" + Setting.DNS_LISTEN.names() + ")");
            }
            long nodeId = self.id();
            started.push(() -> {
                responder.close();
                try {
                    responders.unregister(nodeId);
                } catch (RuntimeException e) {
                    log.warn("Could not remove this node from the DNS name servers at stop: {}", e.getMessage());
                }
            });
            NodeDuties answering = new NodeDuties(clock);
            started.push(answering);
            answering.every(timing.heartbeat(), "refresh DNS answers", answers::refresh);
        }
        // Where the responder refreshes the snapshot with the heartbeat, the updates read it rather than
        // reading the cluster a second time each heartbeat.
        Supplier<DnsSnapshot> live = config.dnsListen().isPresent() ? answers::current : answers::refresh;
        ControllerDnsUpdates updates = new ControllerDnsUpdates(live, new ClusterSettings(db.jdbi()),
                new ControllerLeaseRepository(db.jdbi()), self.id(), new Rfc2136Updater(), clock::nanoTime);
        NodeDuties updating = new NodeDuties(clock);
        started.push(updating);
        updating.every(timing.heartbeat(), "update the external DNS server while controller", updates::run);
    }

    private static void releasePlacements(PlacementRepository placements, NodeRow me) {
        try {
            int released = placements.releaseAllHeldBy(me.id(), me.incarnation());
            if (released > 0) {
                log.info("Released {} dynamic-hub placements at stop", released);
            }
        } catch (RuntimeException e) {
            log.warn("Could not release this node's dynamic-hub placements at stop: {}; the controller will",
                    e.getMessage());
        }
    }

    private DatabaseSettings startEmbeddedDatabase() {
        int port = config.embeddedDbPort();
        requireFreePort(port);
        Path root = config.dataDir().resolve("mariadb");
        log.info("No database configured: starting the embedded MariaDB in {} on 127.0.0.1:{}", root, port);
        EmbeddedMariaDb embedded = EmbeddedMariaDb.start(root.resolve("base"), root.resolve("data"), "127.0.0.1", port);
        started.push(embedded);
        embedded.createDatabase(EMBEDDED_DATABASE);
        JdbcUrl url = embedded.url(EMBEDDED_DATABASE);
        log.info("Embedded database: {} (user root, loopback only). Other nodes on this host may use it with "
                + "--db-url {}; a cluster across hosts needs a shared MySQL/MariaDB server.", url.display(), url.display());
        return new DatabaseSettings(url, "root", "", DatabaseSettings.DEFAULT_POOL_SIZE,
                DatabaseSettings.DEFAULT_CONNECT_TIMEOUT);
    }

    private static void requireFreePort(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new ConfigException("embedded database port 127.0.0.1:" + port + " is in use: set "
                    + Setting.EMBEDDED_DB_PORT.names() + ", or point " + Setting.DB_URL.option()
                    + " at the database already running there");
        }
    }


    /** Blocks until {@link #close} has run (from the shutdown hook on SIGTERM/SIGINT). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        try {
            while (!started.isEmpty()) {
                AutoCloseable part = started.pop();
                try {
                    part.close();
                } catch (Exception e) {
                    log.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.getMessage());
                }
            }
            if (self != null) {
                log.info("Node '{}' stopped", config.name());
            }
        } finally {
            stopped.countDown();
        }
    }
}
