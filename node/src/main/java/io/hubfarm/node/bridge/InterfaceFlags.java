package io.hubfarm.node.bridge;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Reads and sets an interface's flags the way {@code ip link set DEV up} does (SIOCGIFFLAGS/SIOCSIFFLAGS). */
final class InterfaceFlags {
    private InterfaceFlags() {
    }

    /** Brings an interface up; a TAP device carries no traffic until it is. */
    static void setUp(String interfaceName) throws BridgeFailure {
        int socket;
        try {
            socket = LinuxCalls.socket(LinuxCalls.AF_INET, LinuxCalls.SOCK_DGRAM | LinuxCalls.SOCK_CLOEXEC, 0);
        } catch (NativeCallException e) {
            throw BridgeFailure.of(interfaceName, e, "CAP_NET_ADMIN");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = LinuxCalls.ifreq(arena, interfaceName);
            LinuxCalls.ioctl("SIOCGIFFLAGS " + interfaceName, socket, LinuxCalls.SIOCGIFFLAGS, ifr);
            short flags = ifr.get(ValueLayout.JAVA_SHORT, LinuxCalls.IFREQ_FLAGS_OFFSET);
            if ((flags & LinuxCalls.IFF_UP) == 0) {
                ifr.set(ValueLayout.JAVA_SHORT, LinuxCalls.IFREQ_FLAGS_OFFSET, (short) (flags | LinuxCalls.IFF_UP));
                LinuxCalls.ioctl("SIOCSIFFLAGS " + interfaceName, socket, LinuxCalls.SIOCSIFFLAGS, ifr);
            }
        } catch (NativeCallException e) {
            throw BridgeFailure.of(interfaceName, e, "CAP_NET_ADMIN");
        } finally {
            LinuxCalls.closeQuietly(socket);
        }
    }
}
