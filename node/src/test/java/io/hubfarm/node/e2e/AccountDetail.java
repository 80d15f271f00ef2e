package io.hubfarm.node.e2e;

import java.util.List;

/**
 * The advanced settings of a vpnclient account, exactly the parameters of vpncmd's
 * {@code AccountDetailSet} (all are passed, because vpncmd prompts for any that is missing).
 *
 * @param maxTcp               /MAXTCP, 1–32: TCP connections per session (the client asks, the server caps)
 * @param intervalSeconds      /INTERVAL: seconds between establishing additional connections (≥ 1)
 * @param ttlSeconds           /TTL: lifetime of each TCP connection, 0 = infinite
 * @param halfDuplex           /HALF
 * @param bridgeMode           /BRIDGE
 * @param monitorMode          /MONITOR
 * @param noRoutingTracking    /NOTRACK
 * @param noQos                /NOQOS
 * @param disableUdp           /DISABLEUDP: no UDP acceleration
 */
public record AccountDetail(int maxTcp, int intervalSeconds, int ttlSeconds, boolean halfDuplex, boolean bridgeMode,
                            boolean monitorMode, boolean noRoutingTracking, boolean noQos, boolean disableUdp) {
    public AccountDetail {
        if (maxTcp < 1 || maxTcp > 32) {
            throw new IllegalArgumentException("maxTcp must be 1..32: " + maxTcp);
        }
        if (intervalSeconds < 1 || ttlSeconds < 0) {
            throw new IllegalArgumentException("interval must be >= 1 and ttl >= 0");
        }
    }

    /** What AccountCreate gives an account: one connection, 1 s interval, infinite TTL, everything off. */
    public static AccountDetail defaults() {
        return new AccountDetail(1, 1, 0, false, false, false, false, false, false);
    }

    public AccountDetail withMaxTcp(int n) {
        return new AccountDetail(n, intervalSeconds, ttlSeconds, halfDuplex, bridgeMode, monitorMode,
                noRoutingTracking, noQos, disableUdp);
    }

    public AccountDetail withHalfDuplex(boolean on) {
        return new AccountDetail(maxTcp, intervalSeconds, ttlSeconds, on, bridgeMode, monitorMode,
                noRoutingTracking, noQos, disableUdp);
    }

    public AccountDetail withDisableUdp(boolean on) {
        return new AccountDetail(maxTcp, intervalSeconds, ttlSeconds, halfDuplex, bridgeMode, monitorMode,
                noRoutingTracking, noQos, on);
    }

    List<String> vpncmdOptions() {
        return List.of("/MAXTCP:" + maxTcp, "/INTERVAL:" + intervalSeconds, "/TTL:" + ttlSeconds,
                "/HALF:" + yesNo(halfDuplex), "/BRIDGE:" + yesNo(bridgeMode), "/MONITOR:" + yesNo(monitorMode),
                "/NOTRACK:" + yesNo(noRoutingTracking), "/NOQOS:" + yesNo(noQos), "/DISABLEUDP:" + yesNo(disableUdp));
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
