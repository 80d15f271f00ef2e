package io.hubfarm.node.e2e;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Debian's unmodified SoftEther vpnserver 5.01 inside the lab's srv namespace, with private state
 * directories, administered through vpncmd {@code /SERVER} from inside srv. It is the proof that the
 * lab works and the reference for benchmark comparisons.
 *
 * <p>Start-up: {@code vpnserver start --foreground} (no daemon, no watchdog, so the pid stays ours);
 * wait for the default listener 5555; set the admin password (a fresh server has none); create the
 * requested listener and delete the defaults (443, 992, 1194, 5555) other than it.
 */
public final class RealVpnServer implements BridgeServerUnderTest {
    public static final Path BINARY = Path.of("/usr/libexec/softether/vpnserver/vpnserver");
    private static final List<Integer> DEFAULT_LISTENERS = List.of(443, 992, 1194, 5555);
    private static final int FIRST_LISTENER = 5555;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final VpnLab lab;
    private final int port;
    private final String adminPassword;
    private final SoftEtherState state;
    private final LabProcess process;
    private final Vpncmd vpncmd;
    private boolean closed;

    private RealVpnServer(VpnLab lab, int port, String adminPassword, SoftEtherState state, LabProcess process,
                          Vpncmd vpncmd) {
        this.lab = lab;
        this.port = port;
        this.adminPassword = adminPassword;
        this.state = state;
        this.process = process;
        this.vpncmd = vpncmd;
    }

    /** Starts the server in {@code lab.srv()} listening on TCP {@code port} only. */
    public static RealVpnServer start(VpnLab lab, int port) {
        Vpncmd.requireInstalled(BINARY, "softether-vpnserver");
        Namespace srv = lab.srv();
        SoftEtherState state = SoftEtherState.create(lab.newDirectory("vpnserver"));
        LabProcess process = lab.start(srv, "vpnserver",
                state.command(List.of(BINARY.toString(), "start", "--foreground")));
        RealVpnServer server = new RealVpnServer(lab, port, randomSecret(), state, process,
                new Vpncmd(lab, srv, "vpncmd-srv"));
        lab.onClose(server);
        lab.awaitListening(srv, FIRST_LISTENER, START_TIMEOUT, process);
        server.vpncmd.runOk(List.of("127.0.0.1:" + FIRST_LISTENER, "/SERVER", "/CMD", "ServerPasswordSet",
                server.adminPassword));
        if (port != FIRST_LISTENER) {
            server.admin(FIRST_LISTENER, "ListenerCreate", String.valueOf(port));
        }
        for (int p : DEFAULT_LISTENERS) {
            if (p != port) {
                server.admin(port, "ListenerDelete", String.valueOf(p));
            }
        }
        lab.awaitListening(srv, port, START_TIMEOUT, process);
        return server;
    }

    @Override
    public String product() {
        return "SoftEther vpnserver 5.01 (Debian)";
    }

    @Override
    public String host(Namespace client) {
        return lab.serverAddress(client);
    }

    @Override
    public int port() {
        return port;
    }

    public LabProcess process() {
        return process;
    }

    @Override
    public void createHub(String hub) {
        // vpncmd prompts for a hub admin password when none is given; nobody administers the hub with it.
        admin(port, "HubCreate", hub, "/PASSWORD:" + randomSecret());
    }

    @Override
    public void createUser(String hub, String user, String password) {
        onHub(hub, "UserCreate", user, "/GROUP:none", "/REALNAME:none", "/NOTE:none");
        onHub(hub, "UserPasswordSet", user, "/PASSWORD:" + password);
    }

    /** The user's MaxConnection policy (the server's default is 32). */
    public void setUserMaxConnection(String hub, String user, int max) {
        onHub(hub, "UserPolicySet", user, "/NAME:MaxConnection", "/VALUE:" + max);
    }

    /**
     * A session whose client disconnected stays listed ("TCP Connections 0 / 2") until the hub's
     * session timeout (policy TimeOut, 20 s by default) has passed.
     */
    @Override
    public List<String> sessionNames(String hub) {
        return sessions(hub).stream().map(s -> s.getOrDefault("Session Name", "")).toList();
    }

    /** SessionList's records: "Session Name", "User Name", "Source Host Name", "TCP Connections" ("8 / 8")... */
    public List<Map<String, String>> sessions(String hub) {
        return VpncmdTable.records(onHub(hub, "SessionList"));
    }

    /** A server-admin vpncmd command that must succeed, e.g. {@code admin("HubList")}; returns its output. */
    public String admin(String... commandAndArgs) {
        return admin(port, commandAndArgs);
    }

    /** A vpncmd command with {@code /ADMINHUB:hub} that must succeed; returns its output. */
    public String onHub(String hub, String... commandAndArgs) {
        List<String> args = new ArrayList<>(List.of("/ADMINHUB:" + hub));
        args.addAll(List.of(commandAndArgs));
        return admin(port, args.toArray(String[]::new));
    }

    private String admin(int viaPort, String... commandAndArgs) {
        List<String> args = new ArrayList<>(List.of("127.0.0.1:" + viaPort, "/SERVER", "/PASSWORD:" + adminPassword));
        int cmd = 0;
        while (cmd < commandAndArgs.length && commandAndArgs[cmd].startsWith("/")) {
            args.add(commandAndArgs[cmd++]);
        }
        args.add("/CMD");
        args.addAll(List.of(commandAndArgs).subList(cmd, commandAndArgs.length));
        return vpncmd.runOk(args);
    }

    @Override
    public void createLocalBridge(String hub, String device, boolean tap) {
        admin("BridgeCreate", hub, "/DEVICE:" + device, "/TAP:" + (tap ? "yes" : "no"));
    }

    @Override
    public void deleteLocalBridge(String hub, String device, boolean tap) {
        admin("BridgeDelete", hub, "/DEVICE:" + device);
    }

    /**
     * Polls BridgeList, a table "Number|Virtual Hub Name|Network Adapter or Tap Device Name|Status",
     * until the bridge's status is "Operating".
     */
    @Override
    public void awaitBridgeOnline(String hub, String device, boolean tap, Duration within) {
        Deadline.await("bridge " + hub + " <-> " + device + " operating", within,
                () -> admin("BridgeList").lines().map(line -> line.split("\\|"))
                        .filter(cells -> cells.length >= 4)
                        .anyMatch(cells -> cells[1].trim().equalsIgnoreCase(hub) && cells[2].trim().equals(device)
                                && cells[3].trim().equals("Operating")),
                () -> admin("BridgeList"));
    }

    @Override
    public String bridgeStatus() {
        return admin("BridgeList");
    }

    /** SIGTERM (the server saves its config, ≈2 s), SIGKILL after a grace period, then the state is removed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        process.stop(STOP_GRACE);
        state.delete();
        closed = true;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return product() + " in " + lab.srv() + " on TCP " + port + " (" + process + ")";
    }
}
