package io.hubfarm.schema.testing;

import io.hubfarm.schema.Database;
import io.hubfarm.schema.DatabaseSettings;
import io.hubfarm.schema.JdbcUrl;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, migrated database for one test class on the JVM's real MariaDB server. Register it as a
 * static field: {@code @RegisterExtension static final TestDatabase db = new TestDatabase();}
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
    private final int poolSize;
    private final boolean migrate;
    private String name;
    private Database database;

    public TestDatabase() {
        this(16, true);
    }

    /**
     * @param poolSize connections the tests may hold at once (concurrency tests want several)
     * @param migrate  false for tests that run the migrations themselves
     */
    public TestDatabase(int poolSize, boolean migrate) {
        this.poolSize = poolSize;
        this.migrate = migrate;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabaseServer server = TestDatabaseServer.get();
        String cls = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
        name = "t_" + cls.substring(0, Math.min(cls.length(), 40)) + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        server.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        database = Database.connect(settings());
        if (migrate) {
            database.migrate();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
        }
        if (name != null) {
            TestDatabaseServer.get().execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }

    /** How to reach this test class's database: for code under test that opens its own pool. */
    public DatabaseSettings settings() {
        TestDatabaseServer server = TestDatabaseServer.get();
        return new DatabaseSettings(url(), server.user(), server.password(), poolSize, Duration.ofSeconds(10));
    }

    public JdbcUrl url() {
        return TestDatabaseServer.get().serverUrl().withDatabase(name);
    }

    public String name() {
        return name;
    }

    public Database database() {
        return database;
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }
}
