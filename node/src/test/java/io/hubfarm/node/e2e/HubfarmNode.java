package io.hubfarm.node.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A hubfarm node from the real fat jar inside the lab's srv namespace, on its embedded database, set up
 * with the {@code hubfarm} CLI exactly as an operator would.
 */
public final class HubfarmNode implements BridgeServerUnderTest {
    static final int EMBEDDED_DB_PORT = 3307;
    static final String NODE_NAME = "lab-n1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);

    private final VpnLab lab;
    private final int port;
    private final Path dataDir;
    private final LabProcess process;
    private boolean closed;

    private HubfarmNode(VpnLab lab, int port, Path dataDir, LabProcess process) {
        this.lab = lab;
        this.port = port;
        this.dataDir = dataDir;
        this.process = process;
    }

    public static HubfarmNode start(VpnLab lab, int port) {
        Path dataDir = lab.newDirectory("hubfarm-node");
        List<String> command = new ArrayList<>(List.of("env", "HUBFARM_ADMIN_PASSWORD=lab-admin"));
        command.addAll(java());
        command.addAll(List.of("node", "--name", NODE_NAME, "--listen", "0.0.0.0:" + port, "--data-dir",
                dataDir.toString(), "--embedded-db-port", String.valueOf(EMBEDDED_DB_PORT)));
        LabProcess process = lab.start(lab.srv(), "hubfarm-node", command);
        HubfarmNode node = new HubfarmNode(lab, port, dataDir, process);
        lab.onClose(node);
        lab.awaitListening(lab.srv(), port, START_TIMEOUT, process);
        return node;
    }

    private static List<String> java() {
        String jar = System.getProperty("hubfarm.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new LabException("the hubfarm jar is missing (system property hubfarm.jar = " + jar
                    + "): run through 'mvnw verify', which builds it first");
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar);
    }

    public LabProcess process() {
        return process;
    }

    /** Runs {@code hubfarm ARGS --db-url <the embedded database>} in srv and returns its output. */
    public String cli(String... args) {
        List<String> command = new ArrayList<>(java());
        command.addAll(List.of(args));
        command.addAll(List.of("--db-url", "jdbc:mariadb://127.0.0.1:" + EMBEDDED_DB_PORT + "/hubfarm"));
        return lab.exec(lab.srv(), CLI_TIMEOUT, command).requireSuccess().stdout();
    }

    @Override
    public String product() {
        return "hubfarm node";
    }

    @Override
    public String host(Namespace client) {
        return lab.serverAddress(client);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void createHub(String hub) {
        cli("hub", "create", hub);
    }

    @Override
    public void createUser(String hub, String user, String password) {
        try {
            Path file = Files.createTempFile(dataDir, "password", ".txt");
            Files.writeString(file, password + "\n");
            cli("user", "create", hub, user, "--password-file", file.toString());
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> sessionNames(String hub) {
        return cli("session", "list", "--hub", hub).lines().skip(1)
                .map(line -> line.trim().split("\\s+"))
                .filter(cells -> cells.length > 1)
                .map(cells -> cells[1])
                .toList();
    }

    @Override
    public void createLocalBridge(String hub, String device, boolean tap) {
        List<String> args = new ArrayList<>(List.of("bridge", "create", hub, device, "--node", NODE_NAME));
        if (tap) {
            args.add("--tap");
        }
        cli(args.toArray(String[]::new));
    }

    @Override
    public void deleteLocalBridge(String hub, String device, boolean tap) {
        cli("bridge", "delete", hub, device, "--node", NODE_NAME);
    }

    /** Polls {@code bridge list} (NODE HUB DEVICE MODE STATE ...) until the bridge's STATE is ONLINE. */
    @Override
    public void awaitBridgeOnline(String hub, String device, boolean tap, Duration within) {
        String name = BridgeServerUnderTest.interfaceName(device, tap);
        Deadline.await("bridge " + hub + " <-> " + name + " online", within,
                () -> cli("bridge", "list", "--node", NODE_NAME).lines().skip(1)
                        .map(line -> line.trim().split("\\s+"))
                        .anyMatch(cells -> cells.length > 4 && cells[1].equalsIgnoreCase(hub) && cells[2].equals(name)
                                && cells[4].equals("ONLINE")),
                () -> cli("bridge", "list") + "--- node log tail\n" + process.logTail(30));
    }

    @Override
    public String bridgeStatus() {
        return cli("bridge", "list", "--node", NODE_NAME);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.stop(Duration.ofSeconds(30));
    }
}
