package io.hubfarm.schema.session;

import java.time.Duration;
import java.util.Objects;

/** A redirect ticket to be written for the node the client is sent to (spec section 5). */
public record NewTicket(byte[] ticket, long hubId, String userName, String realUserName, String groupName,
                        String sessionName, long targetNodeId, long issuerNodeId, Duration ttl) {
    public NewTicket {
        Objects.requireNonNull(ticket, "ticket");
        if (ticket.length != 20) {
            throw new IllegalArgumentException("a ticket is 20 bytes, not " + ticket.length);
        }
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(realUserName, "realUserName");
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(sessionName, "sessionName");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ticket ttl must be positive");
        }
    }
}
