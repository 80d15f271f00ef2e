package io.hubfarm.schema;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;

/** Turns a driver's failure into the exception that names its cause for an operator. */
public final class SqlFailures {
    private static final int ER_DBACCESS_DENIED = 1044;
    private static final int ER_ACCESS_DENIED = 1045;
    private static final int ER_BAD_DB = 1049;

    private SqlFailures() {
    }

    static DatabaseException classify(JdbcUrl url, String user, Throwable failure) {
        Optional<SQLException> sql = find(failure, SQLException.class);
        if (sql.isPresent()) {
            SQLException e = sql.get();
            int code = e.getErrorCode();
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (code == ER_ACCESS_DENIED || state.equals("28000")) {
                return new DatabaseAccessDeniedException("database " + url.display()
                        + " refused user '" + user + "': wrong password or unknown user", failure);
            }
            if (code == ER_DBACCESS_DENIED) {
                return new DatabaseAccessDeniedException("database user '" + user
                        + "' may not use database '" + url.database() + "' on " + url.display(), failure);
            }
            if (code == ER_BAD_DB) {
                return new DatabaseException("database '" + url.database() + "' does not exist on "
                        + url.display() + ": create it first (CREATE DATABASE " + url.database() + ")", failure);
            }
        }
        if (find(failure, UnknownHostException.class).isPresent()) {
            return new DatabaseUnreachableException("database " + url.display() + " is unreachable: unknown host", failure);
        }
        if (find(failure, ConnectException.class).isPresent()
                || sql.map(e -> e.getSQLState() != null && e.getSQLState().startsWith("08")).orElse(false)) {
            return new DatabaseUnreachableException("database " + url.display() + " is unreachable: "
                    + rootMessage(failure), failure);
        }
        return new DatabaseException("database " + url.display() + " failed: " + rootMessage(failure), failure);
    }

    private static <T extends Throwable> Optional<T> find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return Optional.of(type.cast(c));
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The innermost cause's first line: what an operator needs, without the wrapping. */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
