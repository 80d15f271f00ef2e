package io.hubfarm.node.protocol.softether;

/**
 * A login or additional connection that is refused with a SoftEther error code. The message is for
 * the node's log (who, which hub, why) and never contains a credential.
 */
public final class LoginRefusedException extends RuntimeException {
    private final SoftEtherError error;

    public LoginRefusedException(SoftEtherError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public SoftEtherError error() {
        return error;
    }
}
