package io.hubfarm.node.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The end-to-end topology: a server namespace {@code srv} and two client namespaces {@code a} and
 * {@code b}, each client joined to srv by its own veth pair:
 * <pre>
 *   a  10.231.1.2/24 ──veth── 10.231.1.1/24  srv  10.231.2.1/24 ──veth── 10.231.2.2/24  b
 * </pre>
 * The server under test runs inside srv, so clients reach it at a non-local address (the remote path,
 * with the {@code GET /} probe) and nothing can collide with the host. Clients' VPN adapters get
 * {@link #overlayAddress} in {@link #OVERLAY_PREFIX}.0/24.
 *
 * <p>Names are unique per run ({@code hf<6 random>-srv}, veths ≤ 10 characters). Every process
 * started through {@link #start} is tracked, and {@link #close()} — idempotent, also run by a JVM
 * shutdown hook — stops them all in parallel (SIGTERM, then SIGKILL), runs the {@link #onClose}
 * actions, kills anything still inside the lab's namespaces, deletes the namespaces (which removes
 * the veths and TAPs in them) and the work directory. Bind mounts live only in the mount namespaces of
 * those processes, so they go with them.
 */
public final class VpnLab implements AutoCloseable {
    public static final String OVERLAY_PREFIX = "10.232.0";
    public static final int OVERLAY_PREFIX_LENGTH = 24;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final String id;
    private final Path workDir;
    private final Namespace srv;
    private final Namespace a;
    private final Namespace b;
    private final List<Namespace> created = new CopyOnWriteArrayList<>();
    private final List<LabProcess> processes = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeActions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::closeQuietly, "vpn-lab-teardown");

    private VpnLab(String id, Path workDir) {
        this.id = id;
        this.workDir = workDir;
        this.srv = new Namespace("hf" + id + "-srv", "srv");
        this.a = new Namespace("hf" + id + "-a", "a");
        this.b = new Namespace("hf" + id + "-b", "b");
    }

    /** Builds the three namespaces and both veth links; on any failure removes what it built. */
    public static VpnLab create() {
        String id = randomId();
        Path workDir;
        try {
            workDir = Files.createTempDirectory("hubfarm-lab-" + id + "-");
        } catch (IOException e) {
            throw new LabException("cannot create the lab's work directory", e);
        }
        VpnLab lab = new VpnLab(id, workDir);
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        try {
            lab.build();
        } catch (RuntimeException e) {
            lab.closeQuietly();
            throw e;
        }
        return lab;
    }

    /** The lab needs root (namespaces, veths, mounts); tests skip themselves when this is false. */
    public static boolean runningAsRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[2].equals("0"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void build() {
        for (Namespace ns : List.of(srv, a, b)) {
            Commands.run("ip", "netns", "add", ns.name()).requireSuccess();
            created.add(ns);
            host("ip", "-n", ns.name(), "link", "set", "lo", "up");
        }
        link(a, 1);
        link(b, 2);
    }

    /** A veth pair created directly inside both namespaces, so no end ever sits in the host namespace. */
    private void link(Namespace client, int subnet) {
        String srvEnd = "hf" + id + "s" + client.role();
        String clientEnd = "hf" + id + client.role() + "s";
        host("ip", "link", "add", srvEnd, "netns", srv.name(), "type", "veth",
                "peer", "name", clientEnd, "netns", client.name());
        host("ip", "-n", srv.name(), "addr", "add", "10.231." + subnet + ".1/24", "dev", srvEnd);
        host("ip", "-n", client.name(), "addr", "add", "10.231." + subnet + ".2/24", "dev", clientEnd);
        host("ip", "-n", srv.name(), "link", "set", srvEnd, "up");
        host("ip", "-n", client.name(), "link", "set", clientEnd, "up");
    }

    private static void host(String... command) {
        Commands.run(command).requireSuccess();
    }

    public String id() {
        return id;
    }

    public Path workDir() {
        return workDir;
    }

    public Namespace srv() {
        return srv;
    }

    public Namespace a() {
        return a;
    }

    public Namespace b() {
        return b;
    }

    /**
     * One more namespace ({@code hf<id>-<role>}, loopback up), removed with the lab like the others:
     * for topologies a scenario adds, such as a LAN behind a bridge.
     */
    public Namespace addNamespace(String role) {
        Namespace ns = new Namespace("hf" + id + "-" + role, role);
        Commands.run("ip", "netns", "add", ns.name()).requireSuccess();
        created.add(ns);
        host("ip", "-n", ns.name(), "link", "set", "lo", "up");
        return ns;
    }

    public List<Namespace> clients() {
        return List.of(a, b);
    }

    /** The server's address on the veth towards {@code client}: 10.231.1.1 for a, 10.231.2.1 for b. */
    public String serverAddress(Namespace client) {
        return "10.231." + subnet(client) + ".1";
    }

    /** The client's own veth address: 10.231.1.2 for a, 10.231.2.2 for b. */
    public String clientAddress(Namespace client) {
        return "10.231." + subnet(client) + ".2";
    }

    /** The address for the client's VPN adapter inside the hub: 10.232.0.1 for a, 10.232.0.2 for b. */
    public String overlayAddress(Namespace client) {
        return OVERLAY_PREFIX + "." + subnet(client);
    }

    private int subnet(Namespace client) {
        if (client.equals(a)) {
            return 1;
        }
        if (client.equals(b)) {
            return 2;
        }
        throw new IllegalArgumentException("not a client namespace of this lab: " + client);
    }

    /**
     * Drops the UDP between {@code client} and the server at {@code serverAddress}, so the real server
     * cannot turn on UDP acceleration and TCP paths are compared (docs/bench.md). Dropped on arrival
     * (INPUT) on each side: a drop on the way out (OUTPUT) fails the sender's sendto() with EPERM, and the
     * real client then ends its session.
     */
    public void dropUdp(Namespace client, String serverAddress) {
        exec(client, "iptables", "-A", "INPUT", "-p", "udp", "-s", serverAddress, "-j", "DROP").requireSuccess();
        exec(srv, "iptables", "-A", "INPUT", "-p", "udp", "-s", clientAddress(client), "-j", "DROP").requireSuccess();
    }

    /** A fresh directory under the work directory (removed by {@link #close()}). */
    public Path newDirectory(String name) {
        try {
            return Files.createDirectories(workDir.resolve(name));
        } catch (IOException e) {
            throw new LabException("cannot create " + name + " under " + workDir, e);
        }
    }

    /** Runs a command inside {@code ns} to its end (stdin at EOF, killed after {@code timeout}). */
    public ProcessResult exec(Namespace ns, Duration timeout, String... command) {
        return exec(ns, timeout, List.of(command));
    }

    public ProcessResult exec(Namespace ns, Duration timeout, List<String> command) {
        return Commands.run(timeout, ns.command(command));
    }

    public ProcessResult exec(Namespace ns, String... command) {
        return exec(ns, Commands.DEFAULT_TIMEOUT, command);
    }

    /**
     * Starts a long-running process inside {@code ns}, logging to {@code <workDir>/<name>.log}; the lab
     * stops it on {@link #close()}. {@code command} may itself be wrapped (e.g. by {@link SoftEtherState}).
     */
    public LabProcess start(Namespace ns, String name, List<String> command) {
        if (closed.get()) {
            throw new LabException("lab " + id + " is closed");
        }
        LabProcess process = LabProcess.start(name, ns.command(command), workDir.resolve(name + ".log"));
        processes.add(process);
        return process;
    }

    /** True when something listens on TCP {@code port} inside {@code ns}. */
    public boolean listening(Namespace ns, int port) {
        ProcessResult ss = exec(ns, "ss", "-Hltn", "sport = :" + port);
        return ss.succeeded() && !ss.stdout().isBlank();
    }

    /** Polls until TCP {@code port} listens in {@code ns}; fails early if {@code owner} exits meanwhile. */
    public void awaitListening(Namespace ns, int port, Duration within, LabProcess owner) {
        Deadline.await(owner.name() + " listening on TCP " + port + " in " + ns, within, () -> {
            owner.requireAlive("the wait for TCP " + port);
            return listening(ns, port);
        }, () -> "--- " + owner.name() + " log tail\n" + owner.logTail(30));
    }

    /** An action run by {@link #close()} after the lab's processes are stopped (reverse order of registration). */
    public void onClose(AutoCloseable action) {
        closeActions.add(action);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Throwable> failures = new ArrayList<>();
        stopProcesses(failures);
        for (AutoCloseable action : closeActions.reversed()) {
            attempt(failures, action::close);
        }
        for (Namespace ns : created.reversed()) {
            attempt(failures, () -> removeNamespace(ns));
        }
        if (!Boolean.getBoolean("hubfarm.lab.keep")) {
            attempt(failures, () -> deleteTree(workDir));
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // closing from the hook itself while the JVM shuts down
        }
        if (!failures.isEmpty()) {
            LabException e = new LabException("lab " + id + " teardown had " + failures.size() + " failure(s)");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("vpn lab teardown: " + e);
        }
    }

    /** All at once: each SoftEther program takes about 2 s to shut down gracefully. */
    private void stopProcesses(List<Throwable> failures) {
        processes.forEach(LabProcess::signalStop);
        for (LabProcess p : processes) {
            attempt(failures, () -> p.stop(STOP_GRACE));
        }
    }

    /** Kills whatever still runs in the namespace (only the lab's own children can be there), then deletes it. */
    private void removeNamespace(Namespace ns) {
        ProcessResult pids = Commands.run("ip", "netns", "pids", ns.name());
        if (pids.succeeded()) {
            for (String pid : pids.stdout().lines().map(String::trim).filter(s -> !s.isEmpty()).toList()) {
                Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(pid));
                handle.ifPresent(ProcessHandle::destroyForcibly);
                handle.ifPresent(h -> Deadline.await("pid " + pid + " in " + ns + " to die", STOP_GRACE,
                        () -> !h.isAlive(), () -> "pid " + pid + " is still alive"));
            }
        }
        Commands.run("ip", "netns", "del", ns.name()).requireSuccess();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void attempt(List<Throwable> failures, ThrowingAction action) {
        try {
            action.run();
        } catch (Exception e) {
            failures.add(e);
        }
    }

    @FunctionalInterface
    private interface ThrowingAction {
        void run() throws Exception;
    }

    private static String randomId() {
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            s.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "lab " + id + " (" + workDir + ")";
    }
}
