package io.hubfarm.node.bridge;

import io.hubfarm.node.bridge.BridgeFailure.Reason;
import io.netty.channel.unix.FileDescriptor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A TAP device this node creates ({@code /dev/net/tun} with {@code IFF_TAP | IFF_NO_PI}): a virtual
 * Ethernet adapter that the kernel sees as an interface, so an operator can enslave it to a Linux
 * bridge or give it an address. It is not persistent: it disappears when the node closes it or exits.
 */
record TapDevice(String interfaceName, int interfaceIndex, FileDescriptor fd) implements EthernetDevice {
    private static final String CLONE_DEVICE = "/dev/net/tun";
    private static final String PRIVILEGE = "CAP_NET_ADMIN";

    /** Creates the TAP device (or attaches to an existing persistent one of that name) and brings it up. */
    static TapDevice create(String interfaceName) throws BridgeFailure {
        int fd;
        try {
            fd = LinuxCalls.open(CLONE_DEVICE, LinuxCalls.O_RDWR | LinuxCalls.O_NONBLOCK | LinuxCalls.O_CLOEXEC);
        } catch (NativeCallException e) {
            if (e.errno() == LinuxCalls.ENOENT || e.errno() == LinuxCalls.ENODEV) {
                throw new BridgeFailure(Reason.UNSUPPORTED, "this node has no " + CLONE_DEVICE
                        + " (a kernel without TUN/TAP support, or a container without the device): " + e.getMessage());
            }
            throw BridgeFailure.of(interfaceName, e, PRIVILEGE);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = LinuxCalls.ifreq(arena, interfaceName);
            ifr.set(ValueLayout.JAVA_SHORT, LinuxCalls.IFREQ_FLAGS_OFFSET, (short) (LinuxCalls.IFF_TAP | LinuxCalls.IFF_NO_PI));
            try {
                LinuxCalls.ioctl("TUNSETIFF " + interfaceName, fd, LinuxCalls.TUNSETIFF, ifr);
            } catch (NativeCallException e) {
                if (e.errno() == LinuxCalls.EINVAL) {
                    throw new BridgeFailure(Reason.DEVICE_BUSY, "an interface named '" + interfaceName
                            + "' exists and is not a TAP device (" + e.getMessage() + ")");
                }
                throw BridgeFailure.of(interfaceName, e, PRIVILEGE);
            }
            InterfaceFlags.setUp(interfaceName);
            int index = LinuxCalls.ifNameToIndex(interfaceName);
            if (index == 0) {
                throw new BridgeFailure(Reason.DEVICE_MISSING, "TAP device '" + interfaceName + "' vanished as it was created");
            }
            return new TapDevice(interfaceName, index, new FileDescriptor(fd));
        } catch (BridgeFailure | RuntimeException e) {
            LinuxCalls.closeQuietly(fd);
            throw e;
        }
    }

    @Override
    public String kind() {
        return "TAP device";
    }
}
