package io.hubfarm.node.protocol.pack;

/**
 * Bytes that are not a PACK we accept: malformed, truncated, or over a {@link PackLimits} bound. The
 * message says what was wrong and where, for the log line of the connection that is being closed.
 * Unchecked because there is nothing a caller can repair; it drops the peer.
 */
public final class PackFormatException extends RuntimeException {
    public PackFormatException(String message) {
        super(message);
    }
}
