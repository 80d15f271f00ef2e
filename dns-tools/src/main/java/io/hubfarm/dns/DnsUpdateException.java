package io.hubfarm.dns;

/** An RFC 2136 update that did not take: the server is unreachable, refused it, or the key is unusable. */
public final class DnsUpdateException extends RuntimeException {
    public DnsUpdateException(String message) {
        super(message);
    }

    public DnsUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
