package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.protocol.softether.SoftEtherError;

/**
 * An admin call refused with a SoftEther error code, which vpncmd shows with its own text. The
 * message is for the node's log.
 */
public final class AdminRpcException extends RuntimeException {
    private final SoftEtherError error;

    public AdminRpcException(SoftEtherError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public SoftEtherError error() {
        return error;
    }
}
