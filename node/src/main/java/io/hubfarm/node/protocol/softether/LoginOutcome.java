package io.hubfarm.node.protocol.softether;

/** What a login comes to: a tunnel on this node, a redirect to the node the session belongs on, or an admin console. */
public sealed interface LoginOutcome permits TunnelEndpoint, Redirect, AdminConsole {
}
