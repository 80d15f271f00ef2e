package io.hubfarm.schema;

/** The JDBC URL is not one hubfarm can use; the message says what is wrong with it. */
public final class InvalidDatabaseUrlException extends DatabaseException {
    public InvalidDatabaseUrlException(String message) {
        super(message);
    }
}
