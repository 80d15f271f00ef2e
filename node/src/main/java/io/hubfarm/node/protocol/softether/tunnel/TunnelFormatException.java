package io.hubfarm.node.protocol.softether.tunnel;

import io.netty.handler.codec.DecoderException;

/** The peer broke the tunnel framing; the connection is closed. */
public final class TunnelFormatException extends DecoderException {
    public TunnelFormatException(String message) {
        super(message);
    }
}
