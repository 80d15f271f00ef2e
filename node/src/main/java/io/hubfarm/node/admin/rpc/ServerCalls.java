package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.Version;
import io.hubfarm.node.admin.AdminPasswordBootstrap;
import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.pack.PackBuilder;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.node.protocol.softether.SoftEtherTime;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.node.tls.ClusterCertificates;
import io.hubfarm.schema.cert.CertificateRepository;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.cluster.NodeState;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.HubUserRepository;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The server functions: GetServerInfo, GetCaps, GetServerCert (the certificate only, never its
 * key) and GetServerStatus (totals of the whole cluster, this node's share as "local").
 *
 * <p>Every node says it is a cluster controller (ServerType 1): any node administers the whole
 * cluster, and vpncmd's HubCreate then makes a dynamic hub, as it does on a SoftEther controller.
 */
public final class ServerCalls {
    /** SoftEther's server type codes (spec §7.3). */
    public static final int SERVER_TYPE_CONTROLLER = 1;
    public static final int SERVER_TYPE_MEMBER = 2;
    /** The version vpncmd compares against; hubfarm speaks the 5.01 protocol. */
    static final int COMPATIBLE_VERSION = 501;
    static final int COMPATIBLE_BUILD = 9674;
    static final int OS_TYPE_LINUX = 3100;
    private static final byte[] EMPTY_PASSWORD_HASH = SoftEtherPasswords.adminHash("");

    private final Supplier<NodeRow> self;
    private final NodeRepository nodes;
    private final HubRepository hubs;
    private final HubUserRepository users;
    private final CertificateRepository certificates;
    private final ClusterSettings settings;
    private final AdminAudit audit;
    private final NodeClock clock;
    private final long startedNanos;

    public ServerCalls(Supplier<NodeRow> self, NodeRepository nodes, HubRepository hubs, HubUserRepository users,
                       CertificateRepository certificates, ClusterSettings settings, AdminAudit audit, NodeClock clock) {
        this.self = self;
        this.settings = settings;
        this.audit = audit;
        this.nodes = nodes;
        this.hubs = hubs;
        this.users = users;
        this.certificates = certificates;
        this.clock = clock;
        this.startedNanos = clock.nanoTime();
    }

    public void addTo(AdminFunctions functions) {
        functions.add("GetServerInfo", this::serverInfo)
                .add("GetCaps", this::caps)
                .add("GetServerCert", this::serverCert)
                .add("GetServerStatus", this::serverStatus)
                .add("SetServerPassword", this::setPassword);
    }

    Pack serverInfo(AdminRequest request) {
        NodeRow me = self.get();
        return Pack.builder()
                .putStr("ServerProductName", "hubfarm " + Version.get() + " (SoftEther VPN 5.01 compatible)")
                .putStr("ServerVersionString", "hubfarm " + Version.get())
                .putStr("ServerBuildInfoString", "hubfarm " + Version.get() + ", node '" + me.name() + "'")
                .putStr("ServerFamilyName", "hubfarm")
                .putStr("ServerHostName", me.name())
                .putInt("ServerVerInt", COMPATIBLE_VERSION)
                .putInt("ServerBuildInt", COMPATIBLE_BUILD)
                .putInt64("ServerBuildDate", 0)
                .putInt("ServerType", SERVER_TYPE_CONTROLLER)
                .putInt("OsType", OS_TYPE_LINUX)
                .putInt("OsServicePack", 0)
                .putStr("OsSystemName", System.getProperty("os.name", "Linux"))
                .putStr("OsProductName", System.getProperty("os.name", "Linux"))
                .putStr("OsVendorName", System.getProperty("java.vendor", ""))
                .putStr("OsVersion", System.getProperty("os.version", ""))
                .putStr("KernelName", System.getProperty("os.name", "Linux"))
                .putStr("KernelVersion", System.getProperty("os.version", ""))
                .build();
    }

    /** What hubfarm really offers; a capability it lacks is 0, so vpncmd does not offer its commands. */
    static Map<String, Integer> capabilities() {
        Map<String, Integer> caps = new LinkedHashMap<>();
        caps.put("i_max_packet_size", 1600);
        caps.put("i_max_hubs", 100_000);
        caps.put("i_max_sessions", 4096);
        caps.put("i_max_users_per_hub", 10_000);
        caps.put("b_support_cluster", 1);
        caps.put("b_support_cluster_admin", 1);
        caps.put("b_cluster_hub_type_fixed", 1);
        caps.put("b_cluster_controller", 1);
        caps.put("b_cluster_member", 0);
        caps.put("b_standalone", 0);
        caps.put("b_local_bridge", 1);
        caps.put("b_tap_supported", 1);
        caps.put("b_must_install_pcap", 0);
        caps.put("b_support_securenat", 0);
        caps.put("b_support_cascade", 0);
        caps.put("b_support_radius", 0);
        caps.put("b_support_ddns", 0);
        caps.put("b_support_azure", 0);
        caps.put("b_support_ipsec", 0);
        caps.put("b_support_openvpn", 0);
        caps.put("b_support_sstp", 0);
        caps.put("b_support_layer3", 0);
        caps.put("b_support_config_hub", 0);
        caps.put("b_support_read_log", 0);
        caps.put("b_vpn4", 1);
        return caps;
    }

    Pack caps(AdminRequest request) {
        PackBuilder b = Pack.builder();
        List<String> names = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        Map<String, Integer> caps = capabilities();
        int[] values = new int[caps.size()];
        int i = 0;
        for (Map.Entry<String, Integer> c : caps.entrySet()) {
            b.putInt("caps_" + c.getKey(), c.getValue());
            names.add(c.getKey());
            descriptions.add(c.getKey());
            values[i++] = c.getValue();
        }
        return b.putStrArray("CapsName", names).putIntArray("CapsValue", values)
                .putUniStrArray("CapsDescrption", descriptions) // sic: SoftEther's spelling
                .build();
    }

    Pack serverCert(AdminRequest request) {
        byte[] der = certificates.find(ClusterCertificates.SERVER)
                .orElseThrow(() -> new AdminRpcException(SoftEtherError.OBJECT_NOT_FOUND, "the cluster has no server certificate yet"))
                .certificateDer();
        // SoftEther also sends the private key ("Key"); hubfarm never lets it leave the node.
        return Pack.builder().putData("Cert", der).putInt("Flag1", request.pack().getInt("Flag1", 0)).build();
    }

    /**
     * vpncmd's ServerPasswordSet: the new password's SHA-0, for every node at once (the hash is a
     * cluster setting). An empty password is refused: it would let anyone administer the cluster.
     */
    Pack setPassword(AdminRequest request) {
        request.requireServerAdministrator();
        byte[] hash = request.pack().getData("HashedPassword", new byte[0]);
        if (HubCalls.allZero(hash)) {
            String plain = request.pack().getStr("PlainTextPassword", "");
            hash = SoftEtherPasswords.adminHash(plain);
        }
        if (hash.length != SoftEtherPasswords.HASH_LENGTH) {
            throw new AdminRpcException(SoftEtherError.INVALID_PARAMETER, "a password hash of " + hash.length + " bytes");
        }
        if (MessageDigest.isEqual(hash, EMPTY_PASSWORD_HASH)) {
            throw new AdminRpcException(SoftEtherError.INVALID_PARAMETER,
                    "an empty server administrator password would let anyone administer the cluster");
        }
        settings.put(AdminPasswordBootstrap.SETTING, HexFormat.of().formatHex(hash));
        audit.changed(request, "server.password", "", "server administrator password changed");
        return Pack.builder().putData("HashedPassword", new byte[SoftEtherPasswords.HASH_LENGTH]).build();
    }

    Pack serverStatus(AdminRequest request) {
        request.requireServerAdministrator();
        NodeRow me = self.get();
        int sessions = 0;
        int tcp = 0;
        for (NodeRow n : nodes.list()) {
            if (n.state() == NodeState.ONLINE || n.state() == NodeState.DRAINING || n.state() == NodeState.STARTING) {
                sessions += n.sessions();
                tcp += n.tcpConnections();
            }
        }
        List<Hub> all = hubs.list();
        long dynamic = all.stream().filter(h -> h.type() == HubType.DYNAMIC).count();
        int userCount = users.countByHub().values().stream().mapToInt(Integer::intValue).sum();
        Runtime rt = Runtime.getRuntime();
        long nowMillis = SoftEtherTime.of(clock.now());
        PackBuilder b = Pack.builder()
                .putInt("ServerType", SERVER_TYPE_CONTROLLER)
                .putInt("NumTcpConnections", tcp)
                .putInt("NumTcpConnectionsLocal", me.tcpConnections())
                .putInt("NumTcpConnectionsRemote", Math.max(0, tcp - me.tcpConnections()))
                .putInt("NumHubTotal", all.size())
                .putInt("NumHubStandalone", 0)
                .putInt("NumHubStatic", (int) (all.size() - dynamic))
                .putInt("NumHubDynamic", (int) dynamic)
                .putInt("NumSessionsTotal", sessions)
                .putInt("NumSessionsLocal", me.sessions())
                .putInt("NumSessionsRemote", Math.max(0, sessions - me.sessions()))
                .putInt("NumMacTables", 0)
                .putInt("NumIpTables", 0)
                .putInt("NumUsers", userCount)
                .putInt("NumGroups", 0)
                .putInt("AssignedClientLicenses", 0)
                .putInt("AssignedBridgeLicenses", 0)
                .putInt("AssignedClientLicensesTotal", 0)
                .putInt("AssignedBridgeLicensesTotal", 0)
                .putInt64("CurrentTime", nowMillis)
                .putInt64("CurrentTick", clock.millisSince(startedNanos))
                .putInt64("StartTime", SoftEtherTime.of(me.startedAt()))
                .putInt64("TotalMemory", rt.maxMemory())
                .putInt64("UsedMemory", rt.totalMemory() - rt.freeMemory())
                .putInt64("FreeMemory", rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()))
                .putInt64("TotalPhys", 0)
                .putInt64("UsedPhys", 0)
                .putInt64("FreePhys", 0);
        Traffic.NONE.putInto(b, "");
        return b.build();
    }
}
