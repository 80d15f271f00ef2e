package io.hubfarm.node.protocol.softether;

/** The {@code authtype} a client logs in with (spec §3.3). */
public enum AuthType {
    ANONYMOUS(0),
    PASSWORD(1),
    PLAIN_PASSWORD(2),
    CERTIFICATE(3),
    SMART_CARD(4),
    OPENVPN_CERTIFICATE(98),
    TICKET(99);

    private final int code;

    AuthType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AuthType fromCode(int code) {
        for (AuthType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new LoginRefusedException(SoftEtherError.AUTHTYPE_NOT_SUPPORTED, "unknown authtype " + code);
    }
}
