package io.hubfarm.node.hub;

import java.time.Duration;

/**
 * @param maxMacEntries  MAC addresses a hub learns at most; beyond it, frames to unlearned addresses
 *                       are flooded, so a client spraying random source addresses costs flooding, not memory
 * @param macAgeing      an address not seen for this long is forgotten (SoftEther: 600 s)
 */
public record HubLimits(int maxMacEntries, Duration macAgeing) {
    public static final HubLimits DEFAULT = new HubLimits(65_536, Duration.ofSeconds(600));

    public HubLimits {
        if (maxMacEntries < 1 || macAgeing.isNegative() || macAgeing.isZero()) {
            throw new IllegalArgumentException("hub limits must be positive");
        }
    }
}
