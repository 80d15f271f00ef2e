package io.hubfarm.node.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.node.hub.EthernetFrame;
import io.hubfarm.node.hub.HubLimits;
import io.hubfarm.node.hub.HubMember;
import io.hubfarm.node.hub.VirtualHub;
import io.hubfarm.node.time.ManualNodeClock;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TAP devices and raw sockets against the real kernel (needs root, like the end-to-end tests): frames
 * cross between a device and a hub both ways, oversize frames are counted, and each way a device can
 * be refused gives its reason.
 */
class BridgeDevicesIT {
    static final long HOST_MAC = 0x02_00_5E_00_00_01L;
    static final long VPN_MAC = 0x02_00_5E_00_00_02L;
    static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
    static final Duration WAIT = Duration.ofSeconds(5);

    static MultiThreadIoEventLoopGroup loops;

    @BeforeAll
    static void startLoop() {
        loops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @Test
    void aTapDeviceCarriesFramesBothWaysAndCountsOversizeOnes() throws Exception {
        String tap = "tap_" + LinkCommands.uniqueName("hf");
        VirtualHub hub = new VirtualHub("TAPHUB", HubLimits.DEFAULT, new ManualNodeClock());
        ProbePort probe = new ProbePort();
        HubMember vpn = hub.attach(probe);
        BridgeTraffic traffic = new BridgeTraffic();
        BridgePort port = BridgePort.open("bridge:" + tap, TapDevice.create(tap), traffic, (IoEventLoop) loops.next());
        try {
            port.attach(hub);
            assertThat(Files.readString(Path.of("/sys/class/net", tap, "tun_flags")).trim()).isEqualTo("0x1002");
            assertThat(Integer.decode(Files.readString(Path.of("/sys/class/net", tap, "flags")).trim()) & 1)
                    .as("the TAP is up").isEqualTo(1);

            try (DevicePeer lan = new DevicePeer(tap)) {
                byte[] fromLan = ProbePort.testFrame(HOST_MAC, BROADCAST, 60, 1);
                lan.send(fromLan);
                EthernetFrame entered = probe.next(WAIT);
                assertThat(entered).as("the LAN's frame entered the hub").isNotNull();
                assertThat(entered.bytes()).isEqualTo(fromLan);

                byte[] toLan = ProbePort.testFrame(VPN_MAC, HOST_MAC, 1514, 2);
                vpn.forward(EthernetFrame.wrap(toLan));
                assertThat(lan.receiveTestFrame(WAIT)).as("the hub's frame left through the TAP").isEqualTo(toLan);

                LinkCommands.run("ip", "link", "set", "dev", tap, "mtu", "9000");
                lan.send(ProbePort.testFrame(HOST_MAC, BROADCAST, 3000, 3));
                lan.send(ProbePort.testFrame(HOST_MAC, BROADCAST, 60, 4));
                EthernetFrame after = probe.next(WAIT);
                assertThat(after).isNotNull();
                assertThat(ProbePort.marker(after.bytes())).as("the 3000-byte frame was dropped").isEqualTo(4);
                assertThat(traffic.snapshot().oversizeDropped()).isEqualTo(1);
                assertThat(traffic.snapshot().framesOut()).isGreaterThanOrEqualTo(1);
            }
        } finally {
            port.shutdown();
        }
        assertThat(Path.of("/sys/class/net", tap)).as("closing removes the TAP").doesNotExist();
    }

    @Test
    void aRawSocketOnAVethCarriesFramesBothWaysWithoutReadingItsOwnWrites() throws Exception {
        try (LinkCommands links = new LinkCommands()) {
            String bridged = LinkCommands.uniqueName("hfa");
            String lanSide = LinkCommands.uniqueName("hfb");
            links.vethPair(bridged, lanSide);
            VirtualHub hub = new VirtualHub("RAWHUB", HubLimits.DEFAULT, new ManualNodeClock());
            ProbePort probe = new ProbePort();
            HubMember vpn = hub.attach(probe);
            BridgeTraffic traffic = new BridgeTraffic();
            BridgePort port = BridgePort.open("bridge:" + bridged, PacketSocket.open(bridged), traffic,
                    (IoEventLoop) loops.next());
            try (DevicePeer lan = new DevicePeer(lanSide)) {
                port.attach(hub);

                byte[] toLan = ProbePort.testFrame(VPN_MAC, BROADCAST, 100, 10);
                vpn.forward(EthernetFrame.wrap(toLan));
                assertThat(lan.receiveTestFrame(WAIT)).isEqualTo(toLan);

                byte[] fromLan = ProbePort.testFrame(HOST_MAC, VPN_MAC, 1514, 11);
                lan.send(fromLan);
                EthernetFrame entered = probe.next(WAIT);
                assertThat(entered).isNotNull();
                assertThat(ProbePort.marker(entered.bytes()))
                        .as("the first frame back is the LAN's, not the bridge's own write read back").isEqualTo(11);
                assertThat(traffic.snapshot().framesIn()).isEqualTo(1);
                assertThat(traffic.snapshot().framesOut()).isEqualTo(1);
            } finally {
                port.shutdown();
            }
        }
    }

    @Test
    void aMissingDeviceIsNamed() {
        assertThatThrownBy(() -> PacketSocket.open("hfnothere0"))
                .isInstanceOf(BridgeFailure.class)
                .hasMessage("device missing: no network interface 'hfnothere0' on this node")
                .extracting(f -> ((BridgeFailure) f).reason()).isEqualTo(BridgeFailure.Reason.DEVICE_MISSING);
    }

    @Test
    void aTapNameTakenByAnotherKindOfInterfaceIsRefused() throws Exception {
        try (LinkCommands links = new LinkCommands()) {
            String veth = LinkCommands.uniqueName("hfc");
            links.vethPair(veth, LinkCommands.uniqueName("hfd"));

            assertThatThrownBy(() -> TapDevice.create(veth))
                    .isInstanceOf(BridgeFailure.class)
                    .hasMessageStartingWith("device busy: an interface named '" + veth + "' exists and is not a TAP device");
        }
    }

    @Test
    void withoutRootBothKindsOfDeviceAreRefusedWithTheCapabilityTheyNeed() throws Exception {
        try (LinkCommands links = new LinkCommands()) {
            String veth = LinkCommands.uniqueName("hfe");
            links.vethPair(veth, LinkCommands.uniqueName("hff"));
            String tap = "tap_" + LinkCommands.uniqueName("hf");

            BridgeFailure tapRefused = WithoutNetworkCapabilities.call(() -> refusal(() -> TapDevice.create(tap)));
            BridgeFailure rawRefused = WithoutNetworkCapabilities.call(() -> refusal(() -> PacketSocket.open(veth)));

            assertThat(tapRefused.reason()).isEqualTo(BridgeFailure.Reason.PERMISSION_DENIED);
            assertThat(tapRefused.getMessage()).startsWith("permission denied: TUNSETIFF " + tap)
                    .endsWith("the node must run as root or with CAP_NET_ADMIN");
            assertThat(rawRefused.reason()).isEqualTo(BridgeFailure.Reason.PERMISSION_DENIED);
            assertThat(rawRefused.getMessage()).contains("socket").endsWith("the node must run as root or with CAP_NET_RAW");
            assertThat(Path.of("/sys/class/net", tap)).doesNotExist();
        }
    }

    private interface DeviceOpen {
        EthernetDevice open() throws BridgeFailure;
    }

    private static BridgeFailure refusal(DeviceOpen open) {
        try {
            open.open().close();
            return null;
        } catch (BridgeFailure f) {
            return f;
        }
    }
}
