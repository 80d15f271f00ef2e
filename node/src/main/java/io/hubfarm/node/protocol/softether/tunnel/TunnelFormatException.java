package io.hubfarm.node.protocol.softether.tunnel;

import io.netty.handler.codec.DecoderException;

/**
 * A tunnel stream that breaks the framing of spec §6.1: a block or keep-alive longer than
 * {@link TunnelLimits} allows. The message says exactly what arrived, for the log line of the
 * connection being closed. After throwing it the {@link TunnelDecoder} ignores all further input;
 * closing the connection is the channel's handler's job, as SoftEther disconnects that one TCP
 * connection and not the session.
 */
public final class TunnelFormatException extends DecoderException {
    public TunnelFormatException(String message) {
        super(message);
    }
}
