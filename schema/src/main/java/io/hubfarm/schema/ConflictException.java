package io.hubfarm.schema;

/** A write was refused because it contradicts what the database already holds (a duplicate name, a fixed field). */
public class ConflictException extends DatabaseException {
    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
