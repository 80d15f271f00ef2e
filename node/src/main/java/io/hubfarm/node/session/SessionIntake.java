package io.hubfarm.node.session;

import io.hubfarm.node.auth.AuthenticatedUser;
import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.node.auth.UserAuthenticator;
import io.hubfarm.node.hub.HubCatalog;
import io.hubfarm.node.hub.VirtualHub;
import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.softether.AuthType;
import io.hubfarm.node.protocol.softether.ClientText;
import io.hubfarm.node.protocol.softether.ConnectionDirection;
import io.hubfarm.node.protocol.softether.LoginOutcome;
import io.hubfarm.node.protocol.softether.LoginRefusedException;
import io.hubfarm.node.protocol.softether.LoginRequest;
import io.hubfarm.node.protocol.softether.LoginService;
import io.hubfarm.node.protocol.softether.NegotiatedOptions;
import io.hubfarm.node.protocol.softether.Redirect;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.node.protocol.softether.TunnelEndpoint;
import io.hubfarm.node.protocol.softether.Welcome;
import io.hubfarm.node.protocol.softether.tunnel.KeepAliveSchedule;
import io.hubfarm.node.protocol.softether.tunnel.TunnelDecoder;
import io.hubfarm.node.protocol.softether.tunnel.TunnelEncoder;
import io.hubfarm.node.session.ClusterPlacement.Destination;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.DatabaseException;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.session.NewTicket;
import io.hubfarm.schema.session.TicketGrant;
import io.hubfarm.schema.session.TicketRepository;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an authenticated client into a session on this node: checks the hub and the limits, checks
 * the credentials, records the session, and prepares the welcome; or adds a connection to a running
 * session. Every refusal carries the code the client will show and a log line with who and why.
 */
public final class SessionIntake implements LoginService {
    private static final Logger log = LoggerFactory.getLogger(SessionIntake.class);
    private static final int NAME_ATTEMPTS = 100;
    /** As SoftEther's: long enough for a client on a slow path to reconnect (spec §5). */
    static final Duration TICKET_TTL = Duration.ofSeconds(60);

    private final HubCatalog hubs;
    private final UserAuthenticator authenticator;
    private final TicketRepository tickets;
    private final ClusterPlacement placement;
    private final SessionTable table;
    private final SessionRecords records;
    private final long nodeId;
    private final int maxSessions;
    private final NodeClock clock;
    private final SecureRandom random;
    private final KeepAliveSchedule keepAlives;
    private final AtomicLong sessionNumbers = new AtomicLong();
    private final AtomicLong connectionNumbers = new AtomicLong();

    public SessionIntake(HubCatalog hubs, UserAuthenticator authenticator, TicketRepository tickets,
                         ClusterPlacement placement, SessionTable table, SessionRecords records, long nodeId,
                         int maxSessions, NodeClock clock, SecureRandom random) {
        this.hubs = hubs;
        this.authenticator = authenticator;
        this.tickets = tickets;
        this.placement = placement;
        this.table = table;
        this.records = records;
        this.nodeId = nodeId;
        this.maxSessions = maxSessions;
        this.clock = clock;
        this.random = random;
        this.keepAlives = new KeepAliveSchedule(ThreadLocalRandom.current());
    }

    @Override
    public LoginOutcome login(LoginRequest request, byte[] challenge, InetSocketAddress client) {
        try {
            return admit(request, challenge, client);
        } catch (ConflictException e) {
            throw e;
        } catch (DatabaseException e) {
            throw new LoginRefusedException(SoftEtherError.INTERNAL_ERROR,
                    who(request) + ": the cluster database cannot be reached (" + e.getMessage() + ")");
        }
    }

    private LoginOutcome admit(LoginRequest request, byte[] challenge, InetSocketAddress client) {
        Hub hub;
        String userName;
        String presetName = null;
        ClusterPlacement.Sending sending = ClusterPlacement.Sending.UNCOUNTED;
        if (request.authType() == AuthType.TICKET) {
            TicketGrant grant = tickets.consume(request.ticket(), nodeId).orElseThrow(() -> new LoginRefusedException(
                    SoftEtherError.AUTH_FAILED, who(request) + ": unknown, used or expired ticket"));
            hub = hubs.findById(grant.hubId()).orElseThrow(() -> new LoginRefusedException(
                    SoftEtherError.HUB_NOT_FOUND, "ticket for a hub that no longer exists"));
            userName = grant.userName();
            presetName = grant.sessionName();
        } else {
            hub = hubs.find(request.hubName()).orElseThrow(() -> new LoginRefusedException(
                    SoftEtherError.HUB_NOT_FOUND, who(request) + ": no such hub"));
            checkOnline(hub, request.userName());
            AuthenticatedUser user = authenticator.authenticate(hub, request, challenge);
            userName = user.userName();
            checkUserLimit(hub, userName);
            switch (placement.place(hub)) {
                case Destination.Here here -> sending = here.sending();
                case Destination.Busy(String reason) -> throw new LoginRefusedException(SoftEtherError.HUB_IS_BUSY,
                        "hub '" + hub.name() + "', user '" + userName + "': " + reason);
                case Destination.Elsewhere there -> {
                    return redirect(hub, userName, there);
                }
            }
        }
        try {
            return start(hub, userName, presetName, request, client, sending);
        } finally {
            sending.withdrawn(); // changes nothing once the row is written
        }
    }

    private LoginOutcome start(Hub hub, String userName, String presetName, LoginRequest request,
                               InetSocketAddress client, ClusterPlacement.Sending sending) {
        checkOnline(hub, userName);
        if (hub.type() == HubType.DYNAMIC) {
            Optional<String> refusal = placement.refuseHere(hub);
            if (refusal.isPresent()) {
                // Not 16: the client would wait a minute, and the hub is usually placed again within seconds.
                throw new LoginRefusedException(SoftEtherError.INTERNAL_ERROR,
                        "hub '" + hub.name() + "', user '" + userName + "': " + refusal.get());
            }
        }
        VirtualHub instance = hubs.instance(hub).orElseThrow(() -> new LoginRefusedException(
                SoftEtherError.HUB_STOPPING, "hub '" + hub.name() + "', user '" + userName + "': the hub is offline"));
        if (table.size() >= maxSessions) {
            throw new LoginRefusedException(SoftEtherError.HUB_IS_BUSY,
                    "hub '" + hub.name() + "', user '" + userName + "': this node is at its limit of " + maxSessions + " sessions");
        }
        if (hub.maxSessions() > 0 && table.countOnHub(hub.id()) >= hub.maxSessions()) {
            throw new LoginRefusedException(SoftEtherError.HUB_IS_BUSY,
                    "hub '" + hub.name() + "', user '" + userName + "': the hub is at its limit of " + hub.maxSessions() + " sessions");
        }
        NegotiatedOptions options = NegotiatedOptions.negotiate(request);
        byte[] key = new byte[Welcome.SESSION_KEY_LENGTH];
        random.nextBytes(key);
        SessionIdentity identity = null;
        long row = -1;
        for (int attempt = 0; row < 0; attempt++) {
            String name = presetName != null ? presetName : newSessionName(userName);
            identity = new SessionIdentity(name, hub.id(), hub.name(), userName, client, request.clientString(),
                    request.clientHostname(), key, options);
            try {
                row = records.open(identity, 1);
            } catch (ConflictException e) {
                if (presetName != null) {
                    // Entry nodes number their tickets' names independently; a clash just gets a fresh name.
                    log.debug("Session name {} from a ticket is taken on hub '{}': choosing another", name, hub.name());
                    presetName = null;
                } else if (attempt >= NAME_ATTEMPTS) {
                    throw new LoginRefusedException(SoftEtherError.INTERNAL_ERROR,
                            "hub '" + hub.name() + "': session name " + name + " is taken");
                }
            }
        }
        sending.written();
        long rowId = row;
        VpnSession session;
        try {
            session = new VpnSession(identity, instance, clock, keepAlives, this::ended);
        } catch (IllegalStateException stoppedMeanwhile) {
            records.forget(rowId);
            throw new LoginRefusedException(SoftEtherError.HUB_STOPPING, "hub '" + hub.name() + "' stopped during the login");
        }
        records.attach(session, rowId);
        table.add(session);
        ConnectionDirection direction = session.reserveConnection();
        Welcome welcome = new Welcome(identity.name(), "CID-" + connectionNumbers.incrementAndGet(), key,
                random.nextInt(), options);
        log.info("Session {} admitted: client '{}' {}.{}, up to {} connections, compression {}", identity,
                request.clientString(), request.clientVersion(), request.clientBuild(), options.maxConnection(),
                options.useCompress() ? "on" : "off");
        return endpoint(welcome.toPack(), session, direction);
    }

    private Redirect redirect(Hub hub, String userName, Destination.Elsewhere there) {
        byte[] ticket = new byte[Redirect.TICKET_LENGTH];
        random.nextBytes(ticket);
        String sessionName = newSessionName(userName);
        try {
            tickets.issue(new NewTicket(ticket, hub.id(), userName, userName, "", sessionName, there.nodeId(), nodeId,
                    TICKET_TTL));
            there.sending().written();
        } finally {
            there.sending().withdrawn();
        }
        return new Redirect(there.address(), there.ports(), ticket,
                "hub '" + hub.name() + "', user '" + userName + "', session " + sessionName + " to node '"
                        + there.nodeName() + "'");
    }

    private void checkUserLimit(Hub hub, String userName) {
        if (hub.maxSessionsPerUser() > 0 && records.sessionsOfUser(hub.id(), userName) >= hub.maxSessionsPerUser()) {
            throw new LoginRefusedException(SoftEtherError.TOO_MANY_USER_SESSION, "hub '" + hub.name() + "', user '"
                    + userName + "': already holds " + hub.maxSessionsPerUser() + " sessions, the hub's limit per user");
        }
    }

    private String newSessionName(String userName) {
        return "SID-" + SoftEtherPasswords.upperCaseName(userName) + "-" + sessionNumbers.incrementAndGet();
    }

    @Override
    public TunnelEndpoint additionalConnect(byte[] sessionKey, InetSocketAddress client) {
        VpnSession session = table.findByKey(sessionKey).orElseThrow(() -> new LoginRefusedException(
                SoftEtherError.SESSION_TIMEOUT, "additional connection for an unknown session"));
        ConnectionDirection direction = session.reserveConnection();
        log.debug("Session {}: additional connection from {} ({})", session.name(), client, direction);
        Pack reply = Pack.builder().putInt("error", 0).putInt("direction", direction.code()).build();
        return endpoint(reply, session, direction);
    }

    private TunnelEndpoint endpoint(Pack reply, VpnSession session, ConnectionDirection direction) {
        boolean first = session.connectionCount() == 0;
        return new TunnelEndpoint() {
            @Override
            public Pack reply() {
                return reply;
            }

            @Override
            public void start(Channel channel) {
                boolean compress = session.identity().options().useCompress();
                channel.pipeline()
                        .addLast("tunnel-decoder", new TunnelDecoder(compress))
                        .addLast("tunnel-encoder", new TunnelEncoder(compress, ThreadLocalRandom.current()))
                        .addLast("tunnel", session.newConnection(direction));
            }

            @Override
            public void abandon() {
                session.releaseReservation(direction);
                if (first) {
                    session.disconnect("the client left before its welcome");
                }
            }
        };
    }

    private void ended(VpnSession session) {
        table.remove(session);
        records.ended(session);
    }

    /** Names the login in a log line; both names come from the client, so they are made printable. */
    private static String who(LoginRequest request) {
        return "hub '" + ClientText.printable(request.hubName()) + "', user '"
                + ClientText.printable(request.userName()) + "'";
    }

    private static void checkOnline(Hub hub, String user) {
        if (!hub.online()) {
            throw new LoginRefusedException(SoftEtherError.HUB_STOPPING, "hub '" + hub.name() + "', user '"
                    + ClientText.printable(user) + "': the hub is offline");
        }
    }
}
