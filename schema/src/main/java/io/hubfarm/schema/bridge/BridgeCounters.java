package io.hubfarm.schema.bridge;

/**
 * A bridge's frame counts since its node started it.
 *
 * @param framesIn        frames read from the device and given to the hub
 * @param framesOut       frames the hub sent that were written to the device
 * @param oversizeDropped frames from the device too large for the hub (over 1600 bytes), dropped
 * @param queueDropped    frames for the device dropped because its queue was full
 */
public record BridgeCounters(long framesIn, long framesOut, long oversizeDropped, long queueDropped) {
    public static final BridgeCounters ZERO = new BridgeCounters(0, 0, 0, 0);
}
