/**
 * The SoftEther tunnel phase (spec §6): after the welcome, each TCP connection of a session carries
 * frames as {@code count, count × (size, block)} and keep-alives as {@code 0xFFFFFFFF, size, padding},
 * in both directions. {@link io.hubfarm.node.protocol.softether.tunnel.TunnelDecoder} and
 * {@link io.hubfarm.node.protocol.softether.tunnel.TunnelEncoder} are the codec; the session layer
 * decides what to send and when.
 */
package io.hubfarm.node.protocol.softether.tunnel;
