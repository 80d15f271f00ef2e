package io.hubfarm.schema;

/** No connection could be made to the database server (refused, timed out, unknown host). */
public final class DatabaseUnreachableException extends DatabaseException {
    public DatabaseUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
