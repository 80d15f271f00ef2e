package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.pack.PackBuilder;
import io.hubfarm.node.protocol.softether.ClientText;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.node.protocol.softether.SoftEtherTime;
import io.hubfarm.node.session.SessionDisconnects;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.session.SessionRow;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session functions, cluster-wide: EnumSession, GetSessionStatus and DeleteSession. They read
 * the sessions table, which every node keeps for its own sessions, so any node lists all of a hub's
 * sessions; a session on another node is shown as SoftEther's controller shows a member's
 * ("RemoteSession" with that node's name). Counters are as of the holding node's last report.
 */
public final class SessionCalls {
    /** SoftEther's CLIENT_STATUS_ESTABLISHED. */
    static final int SESSION_ESTABLISHED = 3;
    private static final Logger log = LoggerFactory.getLogger(SessionCalls.class);

    private final Supplier<NodeRow> self;
    private final HubRepository hubs;
    private final SessionRepository sessions;
    private final SessionDisconnects disconnects;
    private final AdminAudit audit;

    public SessionCalls(Supplier<NodeRow> self, HubRepository hubs, SessionRepository sessions,
                        SessionDisconnects disconnects, AdminAudit audit) {
        this.self = self;
        this.hubs = hubs;
        this.sessions = sessions;
        this.disconnects = disconnects;
        this.audit = audit;
    }

    public void addTo(AdminFunctions functions) {
        functions.add("EnumSession", this::enumerate)
                .add("GetSessionStatus", this::status)
                .add("DeleteSession", this::delete);
    }

    Pack enumerate(AdminRequest request) {
        Hub hub = HubCalls.existing(hubs, request.hubName());
        List<SessionRow> rows = sessions.list(hub.name());
        long me = self.get().id();
        int n = rows.size();
        List<String> names = new ArrayList<>(n);
        List<String> users = new ArrayList<>(n);
        List<String> clientHosts = new ArrayList<>(n);
        List<String> nodes = new ArrayList<>(n);
        List<InetAddress> addresses = new ArrayList<>(n);
        List<byte[]> uniqueIds = new ArrayList<>(n);
        int[] remote = new int[n];
        int[] tcp = new int[n];
        long[] bytes = new long[n];
        long[] created = new long[n];
        long[] lastComm = new long[n];
        for (int i = 0; i < n; i++) {
            SessionRow s = rows.get(i);
            names.add(s.sessionName());
            users.add(s.userName());
            clientHosts.add(s.clientHost());
            nodes.add(s.nodeName());
            addresses.add(address(s));
            uniqueIds.add(new byte[16]);
            remote[i] = s.nodeId() == me ? 0 : 1;
            tcp[i] = s.tcpConnections();
            bytes[i] = s.bytesIn() + s.bytesOut();
            created[i] = SoftEtherTime.of(s.startedAt());
            lastComm[i] = SoftEtherTime.of(s.updatedAt());
        }
        int[] zeros = new int[n];
        long[] zeros64 = new long[n];
        return Pack.builder()
                .putStr("HubName", hub.name())
                .putStrArray("Name", names)
                .putStrArray("Username", users)
                .putStrArray("Hostname", clientHosts)
                .putStrArray("RemoteHostname", nodes)
                .putIntArray("RemoteSession", remote)
                .putIpArray("Ip", addresses)
                .putIpArray("ClientIP", addresses)
                .putIntArray("CurrentNumTcp", tcp)
                // The maximum is the client's own choice and not kept in the table: show the count.
                .putIntArray("MaxNumTcp", tcp)
                .putInt64Array("PacketSize", bytes)
                .putInt64Array("PacketNum", zeros64)
                .putInt64Array("CreatedTime", created)
                .putInt64Array("LastCommTime", lastComm)
                .putInt64Array("LastCommDormant", zeros64)
                .putIntArray("LinkMode", zeros)
                .putIntArray("SecureNATMode", zeros)
                .putIntArray("BridgeMode", zeros)
                .putIntArray("Layer3Mode", zeros)
                .putIntArray("Client_BridgeMode", zeros)
                .putIntArray("Client_MonitorMode", zeros)
                .putIntArray("VLanId", zeros)
                .putIntArray("IsDormantEnabled", zeros)
                .putIntArray("IsDormant", zeros)
                .putDataArray("UniqueId", uniqueIds)
                .build();
    }

    Pack status(AdminRequest request) {
        SessionRow s = find(request);
        InetAddress client = address(s);
        long started = SoftEtherTime.of(s.startedAt());
        PackBuilder b = Pack.builder()
                .putStr("HubName", s.hubName())
                .putStr("Name", s.sessionName())
                .putStr("SessionName", s.sessionName())
                .putStr("Username", s.userName())
                .putStr("RealUsername", s.userName())
                .putStr("GroupName", "")
                .putIp("SessionStatus_ClientIp", client)
                // vpncmd reads an IPv6 client from here, not from the @ipv6 elements above
                .putData("SessionStatus_ClientIp6", client instanceof Inet6Address ? client.getAddress() : new byte[16])
                .putStr("SessionStatus_ClientHostName", s.clientHost())
                .putIp("Client_Ip_Address", client)
                .putStr("ClientHostname", s.clientHost())
                .putBool("Active", true)
                .putBool("Connected", true)
                .putInt("SessionStatus", SESSION_ESTABLISHED)
                .putStr("ServerName", s.nodeName())
                .putStr("ServerHostname", s.nodeName())
                .putStr("ServerProductName", "hubfarm node '" + s.nodeName() + "'")
                .putInt("ServerProductVer", ServerCalls.COMPATIBLE_VERSION)
                .putInt("ServerProductBuild", ServerCalls.COMPATIBLE_BUILD)
                .putInt64("StartTime", started)
                .putInt64("FirstConnectionEstablisiedTime", started) // sic: SoftEther's field name
                .putInt64("CurrentConnectionEstablishTime", started)
                .putInt("NumConnectionsEstablished", 1)
                .putInt("NumTcpConnections", s.tcpConnections())
                .putInt("MaxTcpConnections", s.tcpConnections())
                .putBool("HalfConnection", false)
                .putBool("UseEncrypt", true)
                .putBool("UseCompress", false)
                .putStr("UnderlayProtocol", "Standard TCP/IP (" + s.protocol() + ")")
                .putInt64("TotalSendSize", s.bytesOut())
                .putInt64("TotalRecvSize", s.bytesIn())
                .putInt64("TotalSendSizeReal", s.bytesOut())
                .putInt64("TotalRecvSizeReal", s.bytesIn());
        new Traffic(s.bytesIn(), s.bytesOut()).putInto(b, "");
        return b.build();
    }

    Pack delete(AdminRequest request) {
        SessionRow s = find(request);
        SessionDisconnects.Outcome outcome;
        try {
            outcome = disconnects.disconnect(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminRpcException(SoftEtherError.INTERNAL_ERROR, "interrupted while waiting for node '"
                    + s.nodeName() + "' to disconnect " + s.sessionName());
        }
        String result = outcome.result().orElse("still queued for node '" + s.nodeName() + "' (command "
                + outcome.commandId() + ")");
        if (outcome.result().isEmpty()) {
            log.warn("Node '{}' has not carried out the disconnect of session {} on hub {} yet; it stays queued",
                    s.nodeName(), s.sessionName(), s.hubName());
        }
        audit.changed(request, "session.disconnect", s.hubName() + "/" + s.sessionName(),
                "on node " + s.nodeName() + ": " + result);
        return Pack.builder().putStr("HubName", s.hubName()).putStr("Name", s.sessionName()).build();
    }

    private SessionRow find(AdminRequest request) {
        Hub hub = HubCalls.existing(hubs, request.hubName());
        String name = request.str("Name");
        return sessions.find(hub.name(), name).orElseThrow(() -> new AdminRpcException(SoftEtherError.OBJECT_NOT_FOUND,
                "no session '" + ClientText.printable(name) + "' on hub '" + hub.name() + "'"));
    }

    /** The client's address as the node recorded it: a literal, never looked up. */
    private static InetAddress address(SessionRow s) {
        try {
            return InetAddress.ofLiteral(s.clientAddress());
        } catch (IllegalArgumentException e) {
            return InetAddress.ofLiteral("0.0.0.0");
        }
    }
}
