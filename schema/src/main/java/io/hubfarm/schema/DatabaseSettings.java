package io.hubfarm.schema;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the shared database. Validated when built; immutable afterwards.
 *
 * @param url            the server and database
 * @param user           the database user
 * @param password       the user's password, possibly empty; never logged
 * @param maxPoolSize    connections this process may hold open
 * @param connectTimeout how long to wait for a connection before reporting the database unreachable
 */
public record DatabaseSettings(JdbcUrl url, String user, String password, int maxPoolSize, Duration connectTimeout) {

    public static final int DEFAULT_POOL_SIZE = 8;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxPoolSize < 1 || maxPoolSize > 200) {
            throw new IllegalArgumentException("maxPoolSize must be between 1 and 200, not " + maxPoolSize);
        }
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectTimeout must be at least 250 ms, not " + connectTimeout.toMillis() + " ms");
        }
    }

    public static DatabaseSettings of(String url, String user, String password) {
        return new DatabaseSettings(JdbcUrl.parse(url), user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT);
    }


    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url.display() + ", user=" + user + ", pool=" + maxPoolSize + "]";
    }
}
