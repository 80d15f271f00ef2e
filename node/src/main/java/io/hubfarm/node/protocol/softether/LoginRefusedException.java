package io.hubfarm.node.protocol.softether;

import java.time.Duration;

/**
 * A login or additional connection that is refused with a SoftEther error code. The message is for
 * the node's log (who, which hub, why) and never contains a credential.
 */
public final class LoginRefusedException extends RuntimeException {
    private final SoftEtherError error;
    private final Duration delay;

    public LoginRefusedException(SoftEtherError error, String message) {
        this(error, message, Duration.ZERO);
    }

    /** @param delay how long the refusal waits before it is sent (a throttled password guess) */
    public LoginRefusedException(SoftEtherError error, String message, Duration delay) {
        super(message, null, false, false);
        this.error = error;
        this.delay = delay.isNegative() ? Duration.ZERO : delay;
    }

    public SoftEtherError error() {
        return error;
    }

    public Duration delay() {
        return delay;
    }
}
