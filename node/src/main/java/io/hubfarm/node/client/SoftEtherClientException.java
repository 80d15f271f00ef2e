package io.hubfarm.node.client;

import java.util.OptionalInt;

/** A connection or login that failed: with the server's error code when it sent one. */
public final class SoftEtherClientException extends RuntimeException {
    private final int errorCode;

    public SoftEtherClientException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SoftEtherClientException(String message, Throwable cause) {
        super(message, cause);
        this.errorCode = -1;
    }

    /** The code of the server's {@code {error:n}} reply, if that is why the login failed. */
    public OptionalInt errorCode() {
        return errorCode < 0 ? OptionalInt.empty() : OptionalInt.of(errorCode);
    }
}
