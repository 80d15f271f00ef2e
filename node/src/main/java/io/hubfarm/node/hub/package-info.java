/**
 * Virtual hubs: Ethernet learning switches between ports (VPN sessions, later local bridges). Knows
 * nothing of protocols or the database.
 *
 * <p>{@link io.hubfarm.node.hub.VirtualHub} is one hub; {@link io.hubfarm.node.hub.VirtualHub#attach}
 * gives a {@link io.hubfarm.node.hub.HubPort} its {@link io.hubfarm.node.hub.HubMember}, through which
 * the port forwards {@link io.hubfarm.node.hub.EthernetFrame}s. Defaults and behaviour at the edges
 * (MAC ageing, the table limit, moving addresses, traffic counters) follow SoftEther's Cedar hub, cited
 * where each is defined.
 */
package io.hubfarm.node.hub;
