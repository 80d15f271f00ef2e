package io.hubfarm.node.protocol.softether;

/** A listener could not bind its address (in use, not local, not permitted). */
public final class ListenFailedException extends RuntimeException {
    public ListenFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
