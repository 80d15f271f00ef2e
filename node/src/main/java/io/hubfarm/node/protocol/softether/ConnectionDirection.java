package io.hubfarm.node.protocol.softether;

/** Which way a TCP connection of a session carries frames (spec §6.3, the {@code direction} field). */
public enum ConnectionDirection {
    BOTH(0),
    SERVER_TO_CLIENT(1),
    CLIENT_TO_SERVER(2);

    private final int code;

    ConnectionDirection(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean serverSends() {
        return this != CLIENT_TO_SERVER;
    }

    public boolean serverReceives() {
        return this != SERVER_TO_CLIENT;
    }
}
