/**
 * The SoftEther tunnel (data phase) codec: what each TCP connection of a session carries, both ways,
 * from the byte after the welcome until it closes (spec §6).
 *
 * <p>The stream is a sequence of units, each starting with a u32 (spec §6.1):
 * <pre>
 * unit := u32 count (≠ 0xFFFFFFFF), count × ( u32 size, byte[size] )   -- a batch of blocks
 *       | u32 0xFFFFFFFF, u32 size (≤ 512), byte[size]                 -- a keep-alive
 * </pre>
 * A block is one Ethernet frame without FCS, or, when the welcome set {@code use_compress}=1 (spec
 * §4.1), a zlib stream of one. There is no other framing, no message type and no disconnect message:
 * a session ends when its connections close (§6.2). Why it looks like this: SoftEther's sender drains
 * its frame queue into whichever connection it picks (§6.3) and its receiver reads one u32 at a time
 * (Cedar/Connection.c), so a count says only how many blocks follow, and the keep-alive, which
 * must fit the same reader, borrows the one count no batch can have.
 *
 * <p>{@link io.hubfarm.node.protocol.softether.tunnel.TunnelDecoder} turns the stream into
 * {@code byte[]} frames and {@link io.hubfarm.node.protocol.softether.tunnel.TunnelKeepAlive};
 * {@link io.hubfarm.node.protocol.softether.tunnel.TunnelEncoder} writes
 * {@link io.hubfarm.node.protocol.softether.tunnel.TunnelBatch}es and keep-alives. The decoder is
 * exactly as strict as SoftEther 5.01: a length past
 * {@link io.hubfarm.node.protocol.softether.tunnel.TunnelLimits} is a
 * {@link io.hubfarm.node.protocol.softether.tunnel.TunnelFormatException} (close the connection), a
 * block that is not a usable frame is dropped and counted, and nothing is ever allocated from the
 * untrusted count. {@link io.hubfarm.node.protocol.softether.tunnel.KeepAliveSchedule} picks when the
 * next keep-alive is due (§6.2); the timers themselves belong to the session.
 */
package io.hubfarm.node.protocol.softether.tunnel;
