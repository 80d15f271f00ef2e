package io.hubfarm.node.session;

import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions running on this node, by session key (for additional connections). */
public final class SessionTable {
    private final ConcurrentHashMap<String, VpnSession> byKey = new ConcurrentHashMap<>();

    void add(VpnSession session) {
        byKey.put(session.identity().sessionKeyId(), session);
    }

    void remove(VpnSession session) {
        byKey.remove(session.identity().sessionKeyId(), session);
    }

    /**
     * The session a client proves membership of with its 20-byte key. A guess is compared only with
     * keys whose hash it shares, so the lookup's timing tells nothing about any real key.
     */
    Optional<VpnSession> findByKey(byte[] sessionKey) {
        return Optional.ofNullable(byKey.get(HexFormat.of().formatHex(sessionKey)));
    }

    public Collection<VpnSession> all() {
        return List.copyOf(byKey.values());
    }

    public int size() {
        return byKey.size();
    }

    public long countOnHub(long hubId) {
        return byKey.values().stream().filter(s -> s.identity().hubId() == hubId).count();
    }

    public int tcpConnections() {
        return byKey.values().stream().mapToInt(VpnSession::connectionCount).sum();
    }
}
