package io.hubfarm.schema.bridge;

/**
 * A network adapter a node can bridge, as that node reported it.
 *
 * @param kind what the kernel says it is: ethernet, bridge, veth, tap, vlan, bond, ...
 * @param mac  lower-case, colon-separated; empty when the adapter has none
 */
public record NetworkDevice(String name, String kind, String mac, int mtu, boolean linkUp) {
}
