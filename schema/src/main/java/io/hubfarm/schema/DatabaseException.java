package io.hubfarm.schema;

/**
 * Root of everything the shared database layer throws. Unchecked, as in Jdbi: callers catch the
 * subtype they can act on and let the rest reach the top level, which reports it in one line.
 */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
