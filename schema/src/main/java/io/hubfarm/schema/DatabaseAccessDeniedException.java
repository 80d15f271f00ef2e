package io.hubfarm.schema;

/** The server was reached but refused the credentials, or the user may not use the database. */
public final class DatabaseAccessDeniedException extends DatabaseException {
    public DatabaseAccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
