package io.hubfarm.schema;

/** The row a command names does not exist. */
public final class NotFoundException extends DatabaseException {
    public NotFoundException(String message) {
        super(message);
    }
}
