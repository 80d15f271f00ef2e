package io.hubfarm.node.bridge;

import io.hubfarm.node.bridge.BridgeFailure.Reason;
import io.netty.channel.unix.FileDescriptor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An existing interface, bridged the way SoftEther bridges a physical adapter on Linux: an
 * {@code AF_PACKET} raw socket bound to it, with the interface in promiscuous mode so that frames for
 * the VPN clients' MAC addresses reach the hub. Frames the host itself sends out of the interface are
 * not taken (as with SoftEther, the bridging host does not talk to the VPN through its own bridge).
 */
record PacketSocket(String interfaceName, int interfaceIndex, FileDescriptor fd, boolean offloadHeader)
        implements EthernetDevice {
    private static final Logger log = LoggerFactory.getLogger(PacketSocket.class);
    private static final String PRIVILEGE = "CAP_NET_RAW";
    private static final ValueLayout.OfShort NETWORK_SHORT = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int SOCKADDR_LL_SIZE = 20;
    private static final int PACKET_MREQ_SIZE = 16;

    static PacketSocket open(String interfaceName) throws BridgeFailure {
        int index = LinuxCalls.ifNameToIndex(interfaceName);
        if (index == 0) {
            throw new BridgeFailure(Reason.DEVICE_MISSING, "no network interface '" + interfaceName + "' on this node");
        }
        int fd;
        try {
            // Protocol 0 receives nothing until bind names the interface; ETH_P_ALL here would queue
            // frames of every interface in the gap.
            fd = LinuxCalls.socket(LinuxCalls.AF_PACKET,
                    LinuxCalls.SOCK_RAW | LinuxCalls.SOCK_NONBLOCK | LinuxCalls.SOCK_CLOEXEC, 0);
        } catch (NativeCallException e) {
            throw BridgeFailure.of(interfaceName, e, PRIVILEGE);
        }
        try (Arena arena = Arena.ofConfined()) {
            boolean offloadHeader = askForOffloadHeader(fd, interfaceName, arena);
            MemorySegment address = arena.allocate(SOCKADDR_LL_SIZE, 4);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) LinuxCalls.AF_PACKET);
            address.set(NETWORK_SHORT, 2, (short) LinuxCalls.ETH_P_ALL);
            address.set(ValueLayout.JAVA_INT, 4, index);
            LinuxCalls.bind(fd, address);

            MemorySegment membership = arena.allocate(PACKET_MREQ_SIZE, 4);
            membership.set(ValueLayout.JAVA_INT, 0, index);
            membership.set(ValueLayout.JAVA_SHORT, 4, (short) LinuxCalls.PACKET_MR_PROMISC);
            LinuxCalls.setsockopt("PACKET_ADD_MEMBERSHIP promiscuous", fd, LinuxCalls.SOL_PACKET,
                    LinuxCalls.PACKET_ADD_MEMBERSHIP, membership);
            ignoreOutgoing(fd, interfaceName, arena);
            return new PacketSocket(interfaceName, index, new FileDescriptor(fd), offloadHeader);
        } catch (NativeCallException e) {
            LinuxCalls.closeQuietly(fd);
            throw BridgeFailure.of(interfaceName, e, PRIVILEGE);
        } catch (RuntimeException e) {
            LinuxCalls.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * Asks for a {@code virtio_net_hdr} before every frame, so that frames whose checksum or segmentation
     * was left to hardware can be finished (see {@link OffloadedFrame}). Must precede bind.
     */
    private static boolean askForOffloadHeader(int fd, String interfaceName, Arena arena) {
        MemorySegment one = arena.allocate(ValueLayout.JAVA_INT);
        one.set(ValueLayout.JAVA_INT, 0, 1);
        try {
            LinuxCalls.setsockopt("PACKET_VNET_HDR", fd, LinuxCalls.SOL_PACKET, LinuxCalls.PACKET_VNET_HDR, one);
            return true;
        } catch (NativeCallException e) {
            log.warn("Raw socket on '{}': no offload header ({}); turn checksum offload and GRO off on it"
                    + " (ethtool -K {} tx off gro off) or TCP through the bridge will fail", interfaceName,
                    e.getMessage(), interfaceName);
            return false;
        }
    }

    private static void ignoreOutgoing(int fd, String interfaceName, Arena arena) {
        MemorySegment one = arena.allocate(ValueLayout.JAVA_INT);
        one.set(ValueLayout.JAVA_INT, 0, 1);
        try {
            LinuxCalls.setsockopt("PACKET_IGNORE_OUTGOING", fd, LinuxCalls.SOL_PACKET, LinuxCalls.PACKET_IGNORE_OUTGOING, one);
        } catch (NativeCallException e) {
            // Kernels before 4.20 lack the option: the host's own outgoing frames then also enter the hub,
            // which costs some flooding but breaks nothing.
            log.info("Raw socket on '{}': cannot ignore the host's outgoing frames ({})", interfaceName, e.getMessage());
        }
    }

    @Override
    public String kind() {
        return "raw socket";
    }
}
