package io.hubfarm.node.protocol.softether.tunnel;

/** A keep-alive, in either direction: it carries only random padding, which receivers skip. */
public enum TunnelKeepAlive {
    INSTANCE
}
