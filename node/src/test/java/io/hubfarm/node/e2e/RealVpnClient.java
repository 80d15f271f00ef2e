package io.hubfarm.node.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's unmodified SoftEther vpnclient 5.01, one per client namespace (its management port 9931
 * allows no second one), with private state directories, driven through vpncmd {@code /CLIENT}.
 *
 * <p>Facts it relies on (found against the real server): {@code NicCreate vpn0} makes TAP
 * {@code vpn_vpn0} in the client's namespace, which the client sets up when a session is established
 * and down when it ends (its addresses stay); vpncmd exits with the SoftEther error code; a failed
 * login appears only in the client's log (its stdout in foreground mode), as
 * {@code VPN Connection Setting "x": ... Cause: User authentication failed. (code 9)} — AccountStatusGet
 * just says "Retrying".
 */
public final class RealVpnClient implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/libexec/softether/vpnclient/vpnclient");
    public static final int MANAGEMENT_PORT = 9931;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final VpnLab lab;
    private final Namespace ns;
    private final SoftEtherState state;
    private final LabProcess process;
    private final Vpncmd vpncmd;
    /** Log size at each account's last connect: errors are read only from there on. */
    private final Map<String, Long> logOffsetAtConnect = new ConcurrentHashMap<>();
    private boolean closed;

    private RealVpnClient(VpnLab lab, Namespace ns, SoftEtherState state, LabProcess process, Vpncmd vpncmd) {
        this.lab = lab;
        this.ns = ns;
        this.state = state;
        this.process = process;
        this.vpncmd = vpncmd;
    }

    /** Starts {@code vpnclient start --foreground} in {@code ns} and waits until port 9931 listens. */
    public static RealVpnClient start(VpnLab lab, Namespace ns) {
        Vpncmd.requireInstalled(BINARY, "softether-vpnclient");
        SoftEtherState state = SoftEtherState.create(lab.newDirectory("vpnclient-" + ns.role()));
        LabProcess process = lab.start(ns, "vpnclient-" + ns.role(),
                state.command(List.of(BINARY.toString(), "start", "--foreground")));
        RealVpnClient client = new RealVpnClient(lab, ns, state, process, new Vpncmd(lab, ns, "vpncmd-" + ns.role()));
        lab.onClose(client);
        lab.awaitListening(ns, MANAGEMENT_PORT, START_TIMEOUT, process);
        return client;
    }

    public Namespace namespace() {
        return ns;
    }

    public LabProcess process() {
        return process;
    }

    /** The client's own log (its stdout): connection attempts, "Now connected", failure causes with codes. */
    public String log() {
        return process.log();
    }

    /** Any vpncmd /CLIENT command, unchecked: {@code vpncmd("AccountList")}. */
    public ProcessResult vpncmd(String... commandAndArgs) {
        return vpncmd.run(clientArgs(commandAndArgs));
    }

    /** Any vpncmd /CLIENT command that must succeed; returns its output. */
    public String vpncmdOk(String... commandAndArgs) {
        return vpncmd.runOk(clientArgs(commandAndArgs));
    }

    private static List<String> clientArgs(String... commandAndArgs) {
        List<String> args = new ArrayList<>(List.of("localhost", "/CLIENT", "/CMD"));
        args.addAll(List.of(commandAndArgs));
        return args;
    }

    /** Creates virtual adapter {@code nic}; the TAP device is {@link #tapName}(nic). */
    public void nicCreate(String nic) {
        vpncmdOk("NicCreate", nic);
    }

    /** The Linux TAP device of a client adapter: {@code vpn_<nic>}. */
    public static String tapName(String nic) {
        return "vpn_" + nic;
    }

    /** {@code hostPort} is "host:port", or "host/tcp:port" to keep the client on plain TCP (Appendix B). */
    public void accountCreate(String account, String hostPort, String hub, String user, String nic) {
        vpncmdOk("AccountCreate", account, "/SERVER:" + hostPort, "/HUB:" + hub, "/USERNAME:" + user, "/NICNAME:" + nic);
    }

    /** Standard (hashed) password authentication. */
    public void accountPassword(String account, String password) {
        vpncmdOk("AccountPasswordSet", account, "/PASSWORD:" + password, "/TYPE:standard");
    }

    public void accountAnonymous(String account) {
        vpncmdOk("AccountAnonymousSet", account);
    }

    public void accountDetail(String account, AccountDetail detail) {
        List<String> args = new ArrayList<>(List.of("AccountDetailSet", account));
        args.addAll(detail.vpncmdOptions());
        vpncmdOk(args.toArray(String[]::new));
    }

    public void accountCompress(String account, boolean on) {
        vpncmdOk(on ? "AccountCompressEnable" : "AccountCompressDisable", account);
    }

    /** Retries after a failure: {@code retries} 0 = none, 999 = practically forever; interval ≥ 5 s. */
    public void accountRetry(String account, int retries, int intervalSeconds) {
        vpncmdOk("AccountRetrySet", account, "/NUM:" + retries, "/INTERVAL:" + intervalSeconds);
    }

    public void accountDelete(String account) {
        vpncmdOk("AccountDelete", account);
    }

    public void connect(String account) {
        logOffsetAtConnect.put(account, process.logSize());
        vpncmdOk("AccountConnect", account);
    }

    public void disconnect(String account) {
        vpncmdOk("AccountDisconnect", account);
    }

    /** AccountStatusGet; for an account that is not connecting, items are empty and raw holds the error text. */
    public AccountStatus status(String account) {
        return AccountStatus.parse(account, vpncmd("AccountStatusGet", account).output());
    }

    public AccountStatus awaitEstablished(String account, Duration within) {
        return awaitStatus(account, "session established", AccountStatus::established, within);
    }

    /** Polls AccountStatusGet until {@code condition} holds; the failure shows the last status and the client log. */
    public AccountStatus awaitStatus(String account, String what, Predicate<AccountStatus> condition, Duration within) {
        AccountStatus[] last = new AccountStatus[1];
        return Deadline.await("account " + account + " in " + ns + ": " + what, within, () -> {
            process.requireAlive("the wait for " + what);
            last[0] = status(account);
            return condition.test(last[0]) ? Optional.of(last[0]) : Optional.empty();
        }, () -> (last[0] == null ? "(no status)" : last[0].raw()) + "\n--- vpnclient log tail\n" + process.logTail(15));
    }

    /** The first failure the client logged for {@code account} since its last {@link #connect}. */
    public Optional<ClientError> errorSinceConnect(String account) {
        return ClientError.find(account, process.logSince(logOffsetAtConnect.getOrDefault(account, 0L)));
    }

    /** Waits for the client to log a failure for {@code account}, e.g. code 9 after a wrong password. */
    public ClientError awaitError(String account, Duration within) {
        return Deadline.await("a logged failure of account " + account + " in " + ns, within,
                () -> errorSinceConnect(account), () -> status(account).raw() + "\n--- vpnclient log tail\n"
                        + process.logTail(15));
    }

    /** Gives the TAP of {@code nic} an address (e.g. "10.232.0.1/24") and sets it up; idempotent. */
    public void configureTap(String nic, String addressWithPrefix) {
        lab.exec(ns, "ip", "addr", "replace", addressWithPrefix, "dev", tapName(nic)).requireSuccess();
        lab.exec(ns, "ip", "link", "set", tapName(nic), "up").requireSuccess();
    }

    /** Established TCP connections from this namespace to {@code host:port} (what {@code ss -tn} shows). */
    public int tcpConnectionsTo(String host, int port) {
        ProcessResult ss = lab.exec(ns, "ss", "-Htn", "state", "established", "dst", host + ":" + port)
                .requireSuccess();
        return (int) ss.stdout().lines().filter(line -> !line.isBlank()).count();
    }

    /** SIGTERM (the client disconnects its sessions, ≈2 s), SIGKILL after a grace period, then the state is removed. */
    public synchronized void stop() {
        if (closed) {
            return;
        }
        process.stop(STOP_GRACE);
        state.delete();
        closed = true;
    }

    @Override
    public void close() {
        stop();
    }


    /** A failure the client logged for one account: the SoftEther error code and its English cause. */
    public record ClientError(int code, String cause) {
        private static final String FAILED = "The connection has been either disconnected or it failed. Cause: ";

        static Optional<ClientError> find(String account, String log) {
            Pattern line = Pattern.compile("VPN Connection Setting \"" + Pattern.quote(account) + "\": "
                    + Pattern.quote(FAILED) + "(.*) \\(code (\\d+)\\)");
            Matcher m = line.matcher(log);
            return m.find() ? Optional.of(new ClientError(Integer.parseInt(m.group(2)), m.group(1))) : Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "vpnclient in " + ns + " (" + process + ")";
    }
}
