package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.pack.PackBuilder;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.node.protocol.softether.SoftEtherTime;
import io.hubfarm.node.tls.ClusterCertificates;
import io.hubfarm.schema.JdbcUrl;
import io.hubfarm.schema.cert.CertificateRepository;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.Lease;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.Placement;
import io.hubfarm.schema.hub.PlacementRepository;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster functions: EnumFarmMember, GetFarmInfo, GetFarmConnectionStatus, GetFarmSetting and
 * SetFarmSetting. A hubfarm cluster is its shared database: the members are the running rows of
 * {@code nodes}, the controller is whoever holds the lease, and a node's "connection to the
 * controller" is its connection to the database. Weight and controller-only can be changed; the
 * roles themselves cannot, because they follow from the database, not from a setting.
 */
public final class ClusterCalls {
    static final String NOT_CONFIGURABLE = "hubfarm has no standalone mode and no controller address: every node "
            + "of a cluster uses the same shared database (--db-url), the controller is elected through it, and any node"
            + " administers the whole cluster; only the weight and controller-only can be set";
    /** SoftEther's port for a database that does not say. */
    private static final int MYSQL_PORT = 3306;
    private static final Logger log = LoggerFactory.getLogger(ClusterCalls.class);

    private final Supplier<NodeRow> self;
    private final NodeRepository nodes;
    private final ControllerLeaseRepository lease;
    private final HubRepository hubs;
    private final PlacementRepository placements;
    private final CertificateRepository certificates;
    private final JdbcUrl database;
    private final AdminAudit audit;

    public ClusterCalls(Supplier<NodeRow> self, NodeRepository nodes, ControllerLeaseRepository lease, HubRepository hubs,
                        PlacementRepository placements, CertificateRepository certificates, JdbcUrl database,
                        AdminAudit audit) {
        this.self = self;
        this.nodes = nodes;
        this.lease = lease;
        this.hubs = hubs;
        this.placements = placements;
        this.certificates = certificates;
        this.database = database;
        this.audit = audit;
    }

    public void addTo(AdminFunctions functions) {
        functions.add("EnumFarmMember", this::members)
                .add("GetFarmInfo", this::memberInfo)
                .add("GetFarmConnectionStatus", this::connectionStatus)
                .add("GetFarmSetting", this::setting)
                .add("SetFarmSetting", this::changeSetting);
    }

    Pack members(AdminRequest request) {
        request.requireServerAdministrator();
        List<NodeRow> running = nodes.list().stream().filter(n -> n.state().isRunning()).toList();
        Lease current = lease.current();
        int staticHubs = (int) hubs.list().stream().filter(h -> h.type() == HubType.STATIC).count();
        int n = running.size();
        int[] ids = new int[n];
        int[] controller = new int[n];
        int[] points = new int[n];
        int[] sessions = new int[n];
        int[] tcp = new int[n];
        int[] hubCounts = new int[n];
        long[] connected = new long[n];
        List<String> names = new ArrayList<>(n);
        List<InetAddress> addresses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NodeRow node = running.get(i);
            ids[i] = (int) node.id();
            controller[i] = current.isHeldBy(node.id()) ? 1 : 0;
            points[i] = node.points();
            sessions[i] = node.sessions();
            tcp[i] = node.tcpConnections();
            hubCounts[i] = staticHubs + node.dynamicHubs();
            connected[i] = SoftEtherTime.of(node.startedAt());
            names.add(node.name());
            addresses.add(address(node));
        }
        return Pack.builder()
                .putIntArray("Id", ids)
                .putIntArray("Controller", controller)
                .putInt64Array("ConnectedTime", connected)
                .putIpArray("Ip", addresses)
                .putStrArray("Hostname", names)
                .putIntArray("Point", points)
                .putIntArray("NumSessions", sessions)
                .putIntArray("NumTcpConnections", tcp)
                .putIntArray("NumHubs", hubCounts)
                .putIntArray("AssignedClientLicense", new int[n])
                .putIntArray("AssignedBridgeLicense", new int[n])
                .build();
    }

    Pack memberInfo(AdminRequest request) {
        request.requireServerAdministrator();
        long id = Integer.toUnsignedLong(request.pack().getInt("Id", 0));
        NodeRow node = nodes.find(id).filter(n -> n.state().isRunning()).orElseThrow(() -> new AdminRpcException(
                SoftEtherError.OBJECT_NOT_FOUND, "no running cluster member with id " + id));
        Set<Long> placedHere = placements.listHeldBy(node.id(), node.incarnation()).stream().map(Placement::hubId)
                .collect(Collectors.toSet());
        List<String> hubNames = new ArrayList<>();
        List<Integer> dynamic = new ArrayList<>();
        for (Hub hub : hubs.list()) {
            if (hub.type() == HubType.STATIC || placedHere.contains(hub.id())) {
                hubNames.add(hub.name());
                dynamic.add(hub.type() == HubType.DYNAMIC ? 1 : 0);
            }
        }
        PackBuilder b = Pack.builder()
                .putInt("Id", (int) node.id())
                .putBool("Controller", lease.current().isHeldBy(node.id()))
                .putInt64("ConnectedTime", SoftEtherTime.of(node.startedAt()))
                .putIp("Ip", address(node))
                .putStr("Hostname", node.name())
                .putInt("Point", node.points())
                .putIntArray("Ports", node.publicPortList().stream().mapToInt(Integer::intValue).toArray())
                .putStrArray("HubName", hubNames)
                .putIntArray("DynamicHub", dynamic.stream().mapToInt(Integer::intValue).toArray())
                .putInt("NumSessions", node.sessions())
                .putInt("NumTcpConnections", node.tcpConnections())
                .putInt("Weight", node.weight());
        // Every node serves the cluster's one certificate (ClusterMemberCertGet saves it).
        certificates.find(ClusterCertificates.SERVER).ifPresent(c -> b.putData("ServerCert", c.certificateDer()));
        return b.build();
    }

    /** This node's connection to the shared database: what a SoftEther member's link to its controller is. */
    Pack connectionStatus(AdminRequest request) {
        request.requireServerAdministrator();
        NodeRow me = nodes.find(self.get().id()).orElseThrow();
        DatabaseEndpoint endpoint = DatabaseEndpoint.of(database);
        return Pack.builder()
                .putIp("Ip", endpoint.ipv4())
                .putInt("Port", endpoint.port())
                // This answer was read from the database just now.
                .putBool("Online", true)
                .putInt("LastError", 0)
                .putInt64("StartedTime", SoftEtherTime.of(me.startedAt()))
                .putInt64("FirstConnectedTime", SoftEtherTime.of(me.dbFirstConnectedAt()))
                .putInt64("CurrentConnectedTime", SoftEtherTime.of(me.dbCurrentConnectedAt()))
                .putInt("NumTry", (int) Math.min(Integer.MAX_VALUE, me.dbConnectAttempts()))
                .putInt("NumConnected", (int) Math.min(Integer.MAX_VALUE, me.dbConnectSuccesses()))
                .putInt("NumFailed", (int) Math.min(Integer.MAX_VALUE, me.dbConnectFailures()))
                .build();
    }

    /** This node's role (controller while it holds the lease, else member), weight, ports and public address. */
    Pack setting(AdminRequest request) {
        request.requireServerAdministrator();
        NodeRow me = nodes.find(self.get().id()).orElseThrow();
        Lease current = lease.current();
        boolean controller = current.isHeldBy(me.id());
        String controllerName = "";
        int controllerPort = 0;
        if (!controller && current.holderId().isPresent()) {
            NodeRow holder = nodes.find(current.holderId().getAsLong()).orElse(null);
            if (holder != null) {
                controllerName = holder.publicHost() != null && !holder.publicHost().isBlank() ? holder.publicHost()
                        : holder.name();
                controllerPort = holder.publicPortList().stream().findFirst().orElse(0);
            }
        }
        return Pack.builder()
                .putInt("ServerType", controller ? ServerCalls.SERVER_TYPE_CONTROLLER : ServerCalls.SERVER_TYPE_MEMBER)
                .putIntArray("Ports", me.publicPortList().stream().mapToInt(Integer::intValue).toArray())
                .putIp("PublicIp", address(me))
                .putStr("ControllerName", controllerName)
                .putInt("ControllerPort", controllerPort)
                .putData("MemberPassword", new byte[20])
                .putStr("MemberPasswordPlaintext", "")
                .putInt("Weight", me.weight())
                .putBool("ControllerOnly", me.controllerOnly())
                .build();
    }

    /**
     * vpncmd's ClusterSettingController (type 1) sets this node's weight and controller-only. The
     * standalone and member types, which would point the node at a controller, are refused: a node's
     * cluster is its database.
     */
    Pack changeSetting(AdminRequest request) {
        request.requireServerAdministrator();
        int type = request.pack().getInt("ServerType", -1);
        if (type != ServerCalls.SERVER_TYPE_CONTROLLER) {
            log.info("SetFarmSetting to server type {} from {} refused: {}", type, request.client(), NOT_CONFIGURABLE);
            throw new AdminRpcException(SoftEtherError.NOT_SUPPORTED, "server type " + type + ": " + NOT_CONFIGURABLE);
        }
        NodeRow me = self.get();
        int weight = request.pack().getInt("Weight", 0);
        if (weight == 0) {
            weight = nodes.find(me.id()).map(NodeRow::weight).orElse(100); // vpncmd sends 0 for "unchanged"
        }
        if (weight < 1 || weight > NodeRepository.MAX_WEIGHT) {
            throw new AdminRpcException(SoftEtherError.INVALID_PARAMETER, "weight " + Integer.toUnsignedString(weight)
                    + ": 1 to " + NodeRepository.MAX_WEIGHT);
        }
        boolean controllerOnly = request.pack().getBool("ControllerOnly", false);
        nodes.setBalancing(me.id(), weight, controllerOnly);
        audit.changed(request, "node.balancing", me.name(), "weight " + weight + ", controller-only "
                + controllerOnly + " (until the node restarts with its configured values)");
        log.info("Node '{}' now has weight {} and controller-only {} (set by the {} from {}); its configuration "
                + "sets them again when it restarts", me.name(), weight, controllerOnly, request.principal().actor(),
                request.client());
        return setting(request);
    }

    /** A node's IPv4 address for SoftEther's 32-bit fields: its public host, else its listen address, if literal. */
    static InetAddress address(NodeRow node) {
        for (String candidate : new String[] {node.publicHost(), node.firstListenHost()}) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            try {
                InetAddress a = InetAddress.ofLiteral(candidate);
                if (a instanceof Inet4Address && !a.isAnyLocalAddress()) {
                    return a;
                }
            } catch (IllegalArgumentException e) {
                // a host name: looking it up would make an admin call wait on DNS
            }
        }
        return InetAddress.ofLiteral("0.0.0.0");
    }

    /** Where the shared database is, from its JDBC URL: the first host, as a literal address if it is one. */
    record DatabaseEndpoint(InetAddress ipv4, int port) {
        static DatabaseEndpoint of(JdbcUrl url) {
            String first = url.hostPart().split(",")[0].trim();
            first = first.substring(first.lastIndexOf('@') + 1);
            String host = first;
            int port = MYSQL_PORT;
            int colon = first.lastIndexOf(':');
            if (colon > 0 && first.indexOf(']') < colon && (first.startsWith("[") || first.indexOf(':') == colon)) {
                host = first.substring(0, colon);
                try {
                    port = Integer.parseInt(first.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = MYSQL_PORT;
                }
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            InetAddress ipv4 = InetAddress.ofLiteral("0.0.0.0");
            try {
                InetAddress a = InetAddress.ofLiteral(host);
                if (a instanceof Inet4Address) {
                    ipv4 = a;
                }
            } catch (IllegalArgumentException e) {
                // a host name: shown as 0.0.0.0 rather than looked up on every call
            }
            return new DatabaseEndpoint(ipv4, port);
        }
    }
}
