package io.hubfarm.node.protocol.softether;

/** What a login comes to: a tunnel on this node, or a redirect to the node the session belongs on. */
public sealed interface LoginOutcome permits TunnelEndpoint, Redirect {
}
