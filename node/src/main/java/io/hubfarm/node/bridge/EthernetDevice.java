package io.hubfarm.node.bridge;

import io.netty.channel.unix.FileDescriptor;

/**
 * An open Linux network device that reads and writes whole Ethernet frames (no FCS, no extra header)
 * through one non-blocking descriptor, which the bridge registers on an epoll event loop.
 */
sealed interface EthernetDevice permits TapDevice, PacketSocket {

    /** The kernel's name for the interface, e.g. {@code tap_lan} or {@code eth1}. */
    String interfaceName();

    /** The kernel's index of the interface when it was opened: a new interface of the same name has another. */
    int interfaceIndex();

    FileDescriptor fd();

    /** "TAP device" or "raw socket", for messages. */
    String kind();

    /**
     * Whether every frame read or written is preceded by a {@code virtio_net_hdr}
     * ({@link OffloadedFrame#HEADER_LENGTH} bytes) describing the offloads still to be done.
     */
    default boolean offloadHeader() {
        return false;
    }

    /** Closes the descriptor; a TAP device that this node created disappears with it. */
    default void close() {
        try {
            fd().close();
        } catch (java.io.IOException ignored) {
            // Closing an fd only fails for an fd that is already gone.
        }
    }
}
