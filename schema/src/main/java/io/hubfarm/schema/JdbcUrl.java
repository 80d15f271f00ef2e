package io.hubfarm.schema;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code jdbc:mariadb://} or {@code jdbc:mysql://} URL. The scheme chooses the driver, so
 * that a MySQL URL is always served by MySQL Connector/J and a MariaDB URL by MariaDB Connector/J.
 */
public record JdbcUrl(Driver driver, String hostPart, String database, String query) {

    /** The JDBC drivers hubfarm ships, with the class that serves each scheme. */
    public enum Driver {
        MARIADB("mariadb", "org.mariadb.jdbc.Driver"),
        MYSQL("mysql", "com.mysql.cj.jdbc.Driver");

        private final String scheme;
        private final String className;

        Driver(String scheme, String className) {
            this.scheme = scheme;
            this.className = className;
        }

        public String scheme() {
            return scheme;
        }

        public String className() {
            return className;
        }
    }

    private static final Pattern SHAPE =
            Pattern.compile("jdbc:([a-z]+)://([A-Za-z0-9._\\-:\\[\\],]+)(?:/([^?#]*))?(?:\\?([^#\\s]*))?");
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{0,64}");

    public static JdbcUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidDatabaseUrlException("database URL is empty");
        }
        Matcher m = SHAPE.matcher(url.trim());
        if (!m.matches()) {
            throw new InvalidDatabaseUrlException("database URL '" + redact(url)
                    + "' is malformed: expected jdbc:mariadb://HOST[:PORT]/DATABASE or jdbc:mysql://HOST[:PORT]/DATABASE");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        Driver driver = switch (scheme) {
            case "mariadb" -> Driver.MARIADB;
            case "mysql" -> Driver.MYSQL;
            default -> throw new InvalidDatabaseUrlException("database URL scheme 'jdbc:" + scheme
                    + "' is not supported: use jdbc:mariadb:// or jdbc:mysql://");
        };
        String database = m.group(3) == null ? "" : m.group(3);
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new InvalidDatabaseUrlException("database name '" + database
                    + "' in the URL is not valid: use letters, digits and underscores");
        }
        return new JdbcUrl(driver, m.group(2), database, m.group(4) == null ? "" : m.group(4));
    }

    /** The same server with another database: the test fixture gives each test class its own. */
    public JdbcUrl withDatabase(String otherDatabase) {
        return new JdbcUrl(driver, hostPart, otherDatabase, query);
    }


    public String toJdbc() {
        return "jdbc:" + driver.scheme() + "://" + hostPart + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    /** The URL without its query, which may carry a password: safe for logs and error messages. */
    public String display() {
        return "jdbc:" + driver.scheme() + "://" + hostPart + "/" + database;
    }

    @Override
    public String toString() {
        return display();
    }

    private static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
