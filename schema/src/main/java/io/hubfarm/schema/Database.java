package io.hubfarm.schema;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared database of a cluster: a HikariCP pool, Jdbi on top of it, and the Flyway migrations.
 * Opening it proves the server is reachable and the credentials are right, so a misconfigured node
 * fails at start with one clear message instead of at its first heartbeat.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String MIGRATIONS = "classpath:db/migration";

    private final DatabaseSettings settings;
    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(DatabaseSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    /** Connects (one connection is opened and checked at once); does not migrate. */
    public static Database connect(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("hubfarm-db");
        config.setDriverClassName(settings.url().driver().className());
        config.setJdbcUrl(settings.url().toJdbc());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectTimeout().toMillis(), 3_000));
        // One attempt: a wrong password or a refused port will not heal by retrying at start.
        config.setInitializationFailTimeout(1);
        // All cluster times are the database's NOW(3); pinning the session zone to UTC makes the
        // stored values mean the same thing whichever node wrote or reads them.
        config.setConnectionInitSql("SET time_zone = '+00:00'");
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        try {
            return new Database(settings, new HikariDataSource(config));
        } catch (RuntimeException e) {
            throw SqlFailures.classify(settings.url(), settings.user(), e);
        }
    }

    /** Brings the schema to the newest version; returns how many migrations were applied. */
    public int migrate() {
        try {
            MigrateResult result = flyway().migrate();
            if (result.migrationsExecuted > 0) {
                log.info("Database {} migrated to version {} ({} migrations applied)",
                        settings.url().display(), result.targetSchemaVersion, result.migrationsExecuted);
            }
            return result.migrationsExecuted;
        } catch (RuntimeException e) {
            throw new DatabaseException("migrating database " + settings.url().display() + " failed: "
                    + SqlFailures.rootMessage(e), e);
        }
    }

    /** Every known migration with its state (Success, Pending, …), oldest first. */
    public List<MigrationStatus> info() {
        try {
            return Arrays.stream(flyway().info().all()).map(Database::status).toList();
        } catch (RuntimeException e) {
            throw SqlFailures.classify(settings.url(), settings.user(), e);
        }
    }

    /** How many known migrations the database has not applied yet (all of them for an empty database). */
    public int pendingMigrations() {
        try {
            return flyway().info().pending().length;
        } catch (RuntimeException e) {
            throw SqlFailures.classify(settings.url(), settings.user(), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return pool;
    }

    public JdbcUrl url() {
        return settings.url();
    }

    @Override
    public void close() {
        pool.close();
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(pool)
                .locations(MIGRATIONS)
                .validateMigrationNaming(true)
                .load();
    }

    private static MigrationStatus status(MigrationInfo info) {
        Instant installed = info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant();
        return new MigrationStatus(info.getVersion() == null ? "" : info.getVersion().getVersion(),
                info.getDescription(), info.getState().getDisplayName(), installed);
    }
}
