package io.hubfarm.node.hub;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of one virtual hub's MAC table.
 *
 * @param maxMacEntries the most MAC addresses (per VLAN) the hub remembers. A frame whose source
 *                      would be a new entry in a full table is dropped, not just left unlearned: that
 *                      is what SoftEther does (Cedar StorePacket discards the packet when the table
 *                      holds MAX_MAC_TABLES entries), and it keeps a flood of random source addresses
 *                      from turning the hub into a repeater for everyone else's unicast
 * @param macAgeing     how long an entry stays valid after its address was last seen as a source;
 *                      older entries are ignored when switching and removed by
 *                      {@link VirtualHub#sweep()}
 */
public record HubLimits(int maxMacEntries, Duration macAgeing) {

    /**
     * SoftEther's defaults: 65,536 MAC entries per hub (Cedar.h MAX_MAC_TABLES, global parameter
     * GP_MAX_MAC_TABLES) and ten minutes of ageing (Cedar.h MAC_TABLE_EXPIRE_TIME, 600 * 1000 ms).
     */
    public static final HubLimits DEFAULT = new HubLimits(65_536, Duration.ofMinutes(10));

    public HubLimits {
        Objects.requireNonNull(macAgeing, "macAgeing");
        if (maxMacEntries < 1) {
            throw new IllegalArgumentException("maxMacEntries must be at least 1, not " + maxMacEntries);
        }
        if (macAgeing.isNegative() || macAgeing.isZero()) {
            throw new IllegalArgumentException("macAgeing must be positive, not " + macAgeing);
        }
    }
}
