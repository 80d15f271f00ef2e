package io.hubfarm.node;

import io.hubfarm.node.auth.UserAuthenticator;
import io.hubfarm.node.auth.UserDirectory;
import io.hubfarm.node.bridge.BridgeSupervisor;
import io.hubfarm.node.bridge.DeviceInventory;
import io.hubfarm.node.cluster.NodeCommandRunner;
import io.hubfarm.node.cluster.NodeLoad;
import io.hubfarm.node.config.ConfigException;
import io.hubfarm.node.config.HostPort;
import io.hubfarm.node.hub.HubCatalog;
import io.hubfarm.node.hub.HubLimits;
import io.hubfarm.node.protocol.softether.AdminLoginService;
import io.hubfarm.node.protocol.softether.HandshakeLimits;
import io.hubfarm.node.protocol.softether.ListenFailedException;
import io.hubfarm.node.protocol.softether.SoftEtherListener;
import io.hubfarm.node.session.ClusterPlacement;
import io.hubfarm.node.session.DataPathWarmup;
import io.hubfarm.node.session.SessionIntake;
import io.hubfarm.node.session.SessionRecords;
import io.hubfarm.node.session.SessionTable;
import io.hubfarm.node.session.VpnSession;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.Database;
import io.hubfarm.schema.bridge.LocalBridgeRepository;
import io.hubfarm.schema.bridge.NodeDeviceRepository;
import io.hubfarm.schema.command.NodeCommandRepository;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.session.TicketRepository;
import io.netty.handler.ssl.SslContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The node's VPN server: the hub snapshot with its running hub instances, user authentication,
 * the session table with its database rows, the SoftEther listeners, and the local bridges. Closing
 * stops the duties and bridges, then the listeners (ending every session), then writes the last
 * session rows away.
 */
public final class VpnStack implements AutoCloseable {
    static final Duration HUB_REFRESH = Duration.ofSeconds(1);
    static final Duration TRAFFIC_PUBLISH = Duration.ofSeconds(5);
    static final Duration MAC_SWEEP = Duration.ofSeconds(10);
    static final Duration BRIDGE_CHECK = Duration.ofSeconds(1);
    static final Duration DEVICE_REPORT = Duration.ofSeconds(5);
    static final int MAX_SESSIONS = 4096;
    /** How often the node looks for commands queued for it: a disconnect takes effect within this. */
    static final Duration COMMAND_POLL = Duration.ofMillis(500);
    static final Duration COMMAND_PURGE = Duration.ofMinutes(10);

    private final HubCatalog hubs;
    private final SessionTable sessions;
    private final SessionRecords records;
    private final NodeDuties duties;
    private final ExecutorService blocking;
    private final SoftEtherListener listener;
    private final BridgeSupervisor bridges;

    private VpnStack(HubCatalog hubs, SessionTable sessions, SessionRecords records, NodeDuties duties,
                     ExecutorService blocking, SoftEtherListener listener, BridgeSupervisor bridges) {
        this.bridges = bridges;
        this.hubs = hubs;
        this.sessions = sessions;
        this.records = records;
        this.duties = duties;
        this.blocking = blocking;
        this.listener = listener;
    }

    public static VpnStack start(Database db, long nodeId, List<HostPort> listen, SslContext tls, NodeClock clock) {
        return start(db, nodeId, listen, tls, clock, ClusterPlacement.STANDALONE, AdminLoginService.UNAVAILABLE);
    }

    public static VpnStack start(Database db, long nodeId, List<HostPort> listen, SslContext tls, NodeClock clock,
                                 ClusterPlacement placement, AdminLoginService admins) {
        HubCatalog hubs = new HubCatalog(new HubRepository(db.jdbi()), HubLimits.DEFAULT, clock);
        hubs.refresh();
        UserDirectory users = new UserDirectory(new HubUserRepository(db.jdbi()));
        users.refresh();
        SessionTable sessions = new SessionTable();
        SessionRecords records = new SessionRecords(new SessionRepository(db.jdbi()), nodeId);
        records.clearStale();
        SessionIntake intake = new SessionIntake(hubs, new UserAuthenticator(users), new TicketRepository(db.jdbi()),
                placement, sessions, records, nodeId, MAX_SESSIONS, clock, new SecureRandom());

        NodeDuties duties = new NodeDuties();
        duties.every(HUB_REFRESH, "refresh hubs", hubs::refresh);
        duties.every(HUB_REFRESH, "refresh users", users::refresh);
        duties.every(HUB_REFRESH, "remove ended session rows", records::flush);
        duties.every(TRAFFIC_PUBLISH, "publish session traffic", records::publishTraffic);
        duties.every(MAC_SWEEP, "age MAC tables", hubs::sweep);
        NodeCommandRunner commands = new NodeCommandRunner(new NodeCommandRepository(db.jdbi()), nodeId,
                Map.of(NodeCommandRunner.DISCONNECT_SESSION, argument -> disconnect(records, argument)));
        duties.every(COMMAND_POLL, "carry out node commands", commands::runPending);
        duties.every(COMMAND_PURGE, "purge done node commands", commands::purgeDone);

        // Logins wait on the database; virtual threads keep that off the event loops at little cost,
        // and the handshake limits bound how many there can be.
        ExecutorService blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("login-", 0).factory());
        SoftEtherListener listener;
        try {
            listener = SoftEtherListener.start(listen, tls, intake, admins, HandshakeLimits.defaults(), blocking,
                    clock);
        } catch (ListenFailedException e) {
            duties.close();
            blocking.shutdownNow();
            hubs.close();
            throw new ConfigException(e.getMessage() + " (--listen / HUBFARM_LISTEN / 'listen' in the config file)");
        }
        BridgeSupervisor bridges = BridgeSupervisor.start(new LocalBridgeRepository(db.jdbi()), hubs, nodeId);
        DeviceInventory devices = DeviceInventory.of(new NodeDeviceRepository(db.jdbi()), nodeId, clock);
        duties.every(BRIDGE_CHECK, "run local bridges", bridges::reconcile);
        duties.every(TRAFFIC_PUBLISH, "publish bridge counters", bridges::publishCounters);
        duties.every(DEVICE_REPORT, "report network devices", devices::publish);
        return new VpnStack(hubs, sessions, records, duties, blocking, listener, bridges);
    }

    /** The node command that ends one of this node's sessions, named by its row id. */
    private static String disconnect(SessionRecords records, String rowId) {
        long id;
        try {
            id = Long.parseLong(rowId);
        } catch (NumberFormatException e) {
            return "refused: '" + rowId + "' is not a session row id";
        }
        return records.sessionOfRow(id).map(session -> {
            session.disconnect("disconnected by an administrator");
            return "disconnected " + session.name();
        }).orElse("no such session running here (it had ended)");
    }

    public NodeLoad load() {
        return new NodeLoad(sessions.size(), sessions.tcpConnections(), hubs.running(HubType.DYNAMIC).size());
    }

    /** Writes the running sessions' rows again (the node was declared dead meanwhile, and they were reclaimed). */
    public void restoreSessionRows() {
        int n = records.registerAgain();
        org.slf4j.LoggerFactory.getLogger(VpnStack.class).info(
                "Wrote the rows of {} running sessions again after registering anew", n);
    }

    /**
     * Sends frames through the data path in the background ({@link DataPathWarmup}), so the first
     * clients do not pay for class loading and the JIT.
     */
    public void warmUpInBackground(NodeClock clock) {
        Thread.ofVirtual().name("data-path-warm-up").start(() -> DataPathWarmup.runLogged(listener.workers(),
                listener.transport(), listener.tls(), clock));
    }

    public HubCatalog hubs() {
        return hubs;
    }

    public SoftEtherListener listener() {
        return listener;
    }

    public List<VpnSession> sessions() {
        return List.copyOf(sessions.all());
    }

    @Override
    public void close() {
        duties.close();
        bridges.close();
        listener.close();
        hubs.close();
        blocking.shutdownNow();
        try {
            blocking.awaitTermination(5, TimeUnit.SECONDS);
            records.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(VpnStack.class).warn(
                    "Could not remove {} session rows at stop: {}; the next start removes them", records.pendingDeletes(),
                    e.getMessage());
        }
    }
}
