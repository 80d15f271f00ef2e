package io.hubfarm.node.protocol.softether;

import io.hubfarm.node.protocol.pack.Pack;

/**
 * A granted admin login (spec §7): the negotiation sends {@link #reply()}, then the connection
 * carries length-prefixed RPC PACKs, each answered by {@link #call(Pack)} in turn.
 */
public non-sealed interface AdminConsole extends LoginOutcome {
    /** The login reply: an empty PACK, or one saying that the password is empty. */
    Pack reply();

    /**
     * Answers one request: the function's output fields, or {@code {error:n}}. May block (it reads
     * the database), so it is called off the event loop, one call at a time; it never throws for a
     * bad request, only answers it with an error.
     */
    Pack call(Pack request);

    /** The connection closed: the administrator is gone. */
    void closed();
}
