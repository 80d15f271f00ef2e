package io.hubfarm.node.protocol.softether;

import io.hubfarm.node.protocol.pack.Pack;
import io.netty.channel.Channel;

/**
 * A granted login or additional connection, waiting for its channel. The negotiation handler sends
 * {@link #reply()} and then hands the channel over with {@link #start(Channel)}; if the channel died
 * before that, it calls {@link #abandon()} so that nothing is left half-open.
 */
public non-sealed interface TunnelEndpoint extends LoginOutcome {
    /** The welcome (login) or {@code {error:0, direction}} (additional connection). */
    Pack reply();

    /**
     * Called on the channel's event loop right after the reply was written and the HTTP handlers
     * were removed: installs the tunnel handlers.
     */
    void start(Channel channel);

    void abandon();
}
