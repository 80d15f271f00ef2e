package io.hubfarm.node.bridge;

import io.hubfarm.schema.bridge.NetworkDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The node's network interfaces as {@code /sys/class/net} shows them: what {@code bridge devices}
 * lists, and how a running bridge notices that its interface went away, came back as another one, or
 * went down.
 */
final class SysClassNet {
    static final Path DEFAULT_ROOT = Path.of("/sys/class/net");
    /** ARPHRD_ETHER: the only link type whose frames a virtual hub can carry. */
    private static final int ETHERNET = 1;
    private static final int IFF_UP = 0x1;
    private static final int TUN_FLAG_TAP = 0x0002;

    private final Path root;

    SysClassNet(Path root) {
        this.root = root;
    }

    /** One interface, or empty if there is none of that name (or it vanished while being read). */
    Optional<Interface> find(String name) {
        Path dir = root.resolve(name);
        try {
            int index = Integer.parseInt(read(dir, "ifindex"));
            int type = Integer.parseInt(read(dir, "type"));
            int flags = Integer.decode(read(dir, "flags"));
            String operState = read(dir, "operstate");
            int mtu = Integer.parseInt(read(dir, "mtu"));
            String mac = type == ETHERNET ? read(dir, "address") : "";
            return Optional.of(new Interface(name, index, type == ETHERNET, (flags & IFF_UP) != 0,
                    new NetworkDevice(name, kind(dir), mac, mtu, !"down".equals(operState) && (flags & IFF_UP) != 0)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The Ethernet interfaces a hub can bridge, by name; the loopback and layer-3 tunnels are not. */
    List<NetworkDevice> ethernetDevices() throws IOException {
        List<NetworkDevice> devices = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.sorted().toList()) {
                find(entry.getFileName().toString()).filter(Interface::ethernet).ifPresent(i -> devices.add(i.device()));
            }
        }
        return devices;
    }

    private static String kind(Path dir) throws IOException {
        if (Files.exists(dir.resolve("tun_flags"))) {
            return (Integer.decode(read(dir, "tun_flags")) & TUN_FLAG_TAP) != 0 ? "tap" : "tun";
        }
        if (Files.isDirectory(dir.resolve("bridge"))) {
            return "bridge";
        }
        if (Files.isDirectory(dir.resolve("bonding"))) {
            return "bond";
        }
        Path uevent = dir.resolve("uevent");
        if (Files.exists(uevent)) {
            for (String line : Files.readAllLines(uevent)) {
                if (line.startsWith("DEVTYPE=")) {
                    return line.substring("DEVTYPE=".length());
                }
            }
        }
        // A physical adapter has a bus device behind it; veth, dummy and macvlan interfaces do not.
        return Files.exists(dir.resolve("device")) ? "ethernet" : "virtual";
    }

    private static String read(Path dir, String attribute) throws IOException {
        return Files.readString(dir.resolve(attribute)).trim();
    }

    /**
     * @param index    the kernel's interface index: a re-created interface of the same name has a new one
     * @param ethernet whether it carries Ethernet frames
     * @param up       whether it is administratively up
     */
    record Interface(String name, int index, boolean ethernet, boolean up, NetworkDevice device) {
    }
}
