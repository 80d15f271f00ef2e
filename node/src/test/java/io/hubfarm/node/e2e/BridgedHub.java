package io.hubfarm.node.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * A hub on a server under test, bridged to the LAN of {@link BridgeLan}, with one real vpnclient in
 * namespace {@code a} connected to it (adapter {@link BridgeLan#CLIENT_ADDRESS}). Owns a lab of its
 * own, so two of them (one per server) can run side by side, which is what lets the bench alternate
 * its runs between servers.
 *
 * <p>{@link #bridge} puts the hub into one {@link Mode}, deleting the other mode's bridge first: both
 * uplinks lead to the same LAN, so two bridges of one hub would make a loop.
 */
final class BridgedHub<S extends BridgeServerUnderTest> implements AutoCloseable {
    static final String HUB = "LANHUB";
    static final int PORT = 5555;
    /** The TAP-mode device name; the server creates {@code tap_lan}. */
    static final String TAP_DEVICE = "lan";
    private static final String ACCOUNT = "lan";
    private static final String NIC = "vpn0";
    private static final Duration CONNECT = Duration.ofSeconds(30);
    private static final Duration BRIDGE_ONLINE = Duration.ofSeconds(30);
    /** The first reply waits for ARP and for the hub and the Linux bridges to learn the addresses. */
    private static final Duration FIRST_REPLY = Duration.ofSeconds(20);

    /** How the hub reaches the LAN: an existing interface through a raw socket, or a TAP the server creates. */
    enum Mode {
        RAW("raw"), TAP("TAP");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final VpnLab lab;
    private final BridgeLan lan;
    private final S server;
    private final RealVpnClient client;
    private final Traffic traffic;
    private Mode mode;

    private BridgedHub(VpnLab lab, BridgeLan lan, S server, RealVpnClient client) {
        this.lab = lab;
        this.lan = lan;
        this.server = server;
        this.client = client;
        this.traffic = new Traffic(lab);
    }

    /**
     * Builds a lab with its LAN, starts the server in srv with hub {@link #HUB} and user alice, and
     * connects the client; no bridge yet. On failure the lab is torn down.
     */
    static <S extends BridgeServerUnderTest> BridgedHub<S> start(Function<VpnLab, S> startServer) {
        return start(startServer, true);
    }

    /**
     * As {@link #start(Function)}; with {@code udp} false the client's UDP to and from the server is
     * dropped ({@link VpnLab#dropUdp}), so the real server cannot switch it to UDP acceleration.
     */
    static <S extends BridgeServerUnderTest> BridgedHub<S> start(Function<VpnLab, S> startServer, boolean udp) {
        VpnLab lab = VpnLab.create();
        try {
            BridgeLan lan = BridgeLan.create(lab);
            S server = startServer.apply(lab);
            if (!udp) {
                lab.dropUdp(lab.a(), server.host(lab.a()));
            }
            server.createHub(HUB);
            server.createUser(HUB, "alice", "alice-pw");
            RealVpnClient client = RealVpnClient.start(lab, lab.a());
            client.nicCreate(NIC);
            client.accountCreate(ACCOUNT, server.endpoint(lab.a()), HUB, "alice", NIC);
            client.accountPassword(ACCOUNT, "alice-pw");
            client.connect(ACCOUNT);
            client.awaitEstablished(ACCOUNT, CONNECT);
            client.configureTap(NIC, BridgeLan.CLIENT_ADDRESS + "/" + BridgeLan.PREFIX_LENGTH);
            return new BridgedHub<>(lab, lan, server, client);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    VpnLab lab() {
        return lab;
    }

    BridgeLan lan() {
        return lan;
    }

    S server() {
        return server;
    }

    Traffic traffic() {
        return traffic;
    }

    RealVpnClient client() {
        return client;
    }

    /** The bridge's device as the server is told it: the raw uplink's srv end, or the TAP's short name. */
    String device(Mode m) {
        return m == Mode.RAW ? lan.rawDevice() : TAP_DEVICE;
    }

    /**
     * Leaves the hub bridged in {@code target} mode only, online and passing a ping to the LAN host;
     * does nothing when it already is.
     */
    void bridge(Mode target) {
        if (target == mode) {
            return;
        }
        if (mode != null) {
            server.deleteLocalBridge(HUB, device(mode), mode == Mode.TAP);
            mode = null;
        }
        boolean tap = target == Mode.TAP;
        server.createLocalBridge(HUB, device(target), tap);
        if (tap) {
            lan.enslave(BridgeServerUnderTest.interfaceName(TAP_DEVICE, true));
        }
        server.awaitBridgeOnline(HUB, device(target), tap, BRIDGE_ONLINE);
        mode = target;
        Deadline.await("a first ping reply from the LAN host (" + target + " bridge)", FIRST_REPLY,
                () -> traffic.ping(lab.a(), BridgeLan.HOST_ADDRESS, 1).success(),
                () -> traffic.ping(lab.a(), BridgeLan.HOST_ADDRESS, 1).output() + "\n--- the server's bridges\n"
                        + server.bridgeStatus());
    }

    Optional<Mode> mode() {
        return Optional.ofNullable(mode);
    }

    /** iperf3 from the client to the LAN host for {@code seconds}, one TCP stream. */
    Throughput iperf3ToLanHost(int seconds) {
        return traffic.iperf3Throughput(lab.a(), lan.namespace(), BridgeLan.HOST_ADDRESS, seconds);
    }

    /** iperf3 from the LAN host to the client for {@code seconds}: the direction towards the VPN client. */
    Throughput iperf3FromLanHost(int seconds) {
        return traffic.iperf3Throughput(lan.namespace(), lab.a(), BridgeLan.CLIENT_ADDRESS, seconds);
    }

    /** {@code count} pings from the client to the LAN host, 50 ms apart. */
    PingResult pingLanHost(int count) {
        return traffic.ping(lab.a(), BridgeLan.HOST_ADDRESS, count, Duration.ofMillis(50));
    }

    /** A checksummed TCP transfer of {@code bytes} from the LAN host to the client. */
    TransferResult transferFromLanHost(long bytes) {
        return traffic.tcpTransfer(lan.namespace(), lab.a(), BridgeLan.CLIENT_ADDRESS, bytes);
    }

    @Override
    public void close() {
        lab.close();
    }

    @Override
    public String toString() {
        return server.product() + ", hub " + HUB + (mode == null ? " unbridged" : " bridged in " + mode + " mode")
                + ", " + lab;
    }
}
