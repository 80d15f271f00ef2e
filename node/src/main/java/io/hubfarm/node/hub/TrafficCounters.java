package io.hubfarm.node.hub;

/**
 * A snapshot of traffic counters in the shape of SoftEther's TRAFFIC block (spec §7.3), field for
 * field and in the same order, so an admin RPC reply can be filled straight from it.
 *
 * <p>A frame counts as "broadcast" when its destination is any group address (broadcast or
 * multicast) and as "unicast" otherwise; bytes are whole frames without FCS. That is SoftEther's rule
 * (Cedar SessionMain tests only the I/G bit, {@code buf[0] & 0x01}), and it classifies a flooded
 * unknown-unicast frame as unicast.
 *
 * <p>Which way is "receive" depends on whose counters these are; SoftEther looks from the client for
 * a session and from the hub for a hub. See {@link HubMember#counters()} and
 * {@link VirtualHub#counters()}.
 */
public record TrafficCounters(
        long recvBroadcastBytes, long recvBroadcastCount, long recvUnicastBytes, long recvUnicastCount,
        long sendBroadcastBytes, long sendBroadcastCount, long sendUnicastBytes, long sendUnicastCount) {

    public static final TrafficCounters ZERO = new TrafficCounters(0, 0, 0, 0, 0, 0, 0, 0);

    /** Field-by-field sum, e.g. one hub's counters over all nodes of the cluster. */
    public TrafficCounters plus(TrafficCounters other) {
        return new TrafficCounters(
                recvBroadcastBytes + other.recvBroadcastBytes, recvBroadcastCount + other.recvBroadcastCount,
                recvUnicastBytes + other.recvUnicastBytes, recvUnicastCount + other.recvUnicastCount,
                sendBroadcastBytes + other.sendBroadcastBytes, sendBroadcastCount + other.sendBroadcastCount,
                sendUnicastBytes + other.sendUnicastBytes, sendUnicastCount + other.sendUnicastCount);
    }
}
