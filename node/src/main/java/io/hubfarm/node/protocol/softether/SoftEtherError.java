package io.hubfarm.node.protocol.softether;

/**
 * The error codes a SoftEther peer understands (Cedar.h, spec §4.3 and §7): vpncmd shows the
 * code with its own text for it. The client shows the code and,
 * for some, waits longer before retrying (60 s after {@link #HUB_IS_BUSY}, {@link #HUB_STOPPING} and
 * {@link #TOO_MANY_USER_SESSION}).
 */
public enum SoftEtherError {
    NO_ERROR(0),
    PROTOCOL_ERROR(4),
    AUTHTYPE_NOT_SUPPORTED(7),
    HUB_NOT_FOUND(8),
    AUTH_FAILED(9),
    HUB_STOPPING(10),
    SESSION_REMOVED(11),
    ACCESS_DENIED(12),
    SESSION_TIMEOUT(13),
    INVALID_PROTOCOL(14),
    TOO_MANY_CONNECTION(15),
    HUB_IS_BUSY(16),
    TOO_MANY_USER_SESSION(20),
    INTERNAL_ERROR(23),
    OBJECT_NOT_FOUND(29),
    NOT_SUPPORTED(33),
    INVALID_PARAMETER(38),
    NOT_ENOUGH_RIGHT(52),
    HUB_ALREADY_EXISTS(57),
    USER_ALREADY_EXISTS(66),
    LOCAL_BRIDGE_UNSUPPORTED(84),
    INVALID_NAME(94),
    OBJECT_EXISTS(112);

    private final int code;

    SoftEtherError(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    @Override
    public String toString() {
        return name() + " (" + code + ")";
    }
}
