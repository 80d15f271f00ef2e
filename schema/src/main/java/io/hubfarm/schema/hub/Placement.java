package io.hubfarm.schema.hub;

/**
 * Where a dynamic hub's single instance runs.
 *
 * @param claimedByCaller true if the call that returned this placement created it
 */
public record Placement(long hubId, long nodeId, long nodeIncarnation, boolean claimedByCaller) {
}
