package io.hubfarm.node.e2e;

import java.time.Duration;
import java.util.List;

/**
 * The LAN that the bridge tests join to a hub: a namespace {@code lan} with a Linux bridge {@code br0}
 * that holds the LAN host's address, and two uplinks from the lab's server namespace into it.
 * <pre>
 *   srv: rawDevice ─────veth────── lan: br0 (10.77.0.10/24)
 *   srv: srvBridge ── trunk ─veth─ lan: br0
 *          └ the server's TAP device, once it exists, enslaved here ({@link #enslave})
 * </pre>
 * A TAP lives in the namespace of the server that creates it, so it joins the LAN through a Linux
 * bridge in srv, as on a real server where the TAP is enslaved to the bridge of a physical NIC. Only
 * one uplink may carry a hub at a time (both would make a loop). Checksum offload is turned off on the
 * links and bridges, which SoftEther's raw bridge needs (spec Appendix B) and which keeps the topology
 * the same for every server under test.
 */
public final class BridgeLan {
    public static final String HOST_ADDRESS = "10.77.0.10";
    public static final String CLIENT_ADDRESS = "10.77.0.50";
    public static final int PREFIX_LENGTH = 24;
    private static final String LAN_BRIDGE = "br0";

    private final VpnLab lab;
    private final Namespace lan;
    private final String rawDevice;
    private final String srvBridge;

    private BridgeLan(VpnLab lab, Namespace lan, String rawDevice, String srvBridge) {
        this.lab = lab;
        this.lan = lan;
        this.rawDevice = rawDevice;
        this.srvBridge = srvBridge;
    }

    public static BridgeLan create(VpnLab lab) {
        Namespace srv = lab.srv();
        Namespace lan = lab.addNamespace("lan");
        String prefix = "hf" + lab.id();
        BridgeLan l = new BridgeLan(lab, lan, prefix + "rw", prefix + "br");
        l.run(lan, "ip", "link", "add", LAN_BRIDGE, "type", "bridge");
        l.run(lan, "ip", "addr", "add", HOST_ADDRESS + "/" + PREFIX_LENGTH, "dev", LAN_BRIDGE);
        l.run(lan, "ip", "link", "set", LAN_BRIDGE, "up");
        l.uplink(prefix + "rw", prefix + "rl");
        l.run(srv, "ip", "link", "add", l.srvBridge, "type", "bridge");
        l.run(srv, "ip", "link", "set", l.srvBridge, "up");
        l.uplink(prefix + "tk", prefix + "tl");
        l.enslave(prefix + "tk");
        l.offloadOff(lan, LAN_BRIDGE);
        l.offloadOff(srv, l.srvBridge);
        return l;
    }

    /** A veth from srv into the LAN bridge; the srv end is up, without an address. */
    private void uplink(String srvEnd, String lanEnd) {
        Commands.run("ip", "link", "add", srvEnd, "netns", lab.srv().name(), "type", "veth",
                "peer", "name", lanEnd, "netns", lan.name()).requireSuccess();
        run(lan, "ip", "link", "set", lanEnd, "master", LAN_BRIDGE);
        run(lan, "ip", "link", "set", lanEnd, "up");
        run(lab.srv(), "ip", "link", "set", srvEnd, "up");
        offloadOff(lan, lanEnd);
        offloadOff(lab.srv(), srvEnd);
    }

    private void offloadOff(Namespace ns, String device) {
        run(ns, "ethtool", "-K", device, "tx", "off");
    }

    public Namespace namespace() {
        return lan;
    }

    /** The srv end of the raw uplink: the existing interface a raw-mode bridge opens. */
    public String rawDevice() {
        return rawDevice;
    }

    /** Enslaves an interface of srv (the server's TAP) to srv's Linux bridge, waiting for it to exist. */
    public void enslave(String device) {
        Deadline.await(device + " to appear in " + lab.srv(), Duration.ofSeconds(20),
                () -> lab.exec(lab.srv(), "ip", "link", "show", device).succeeded(),
                () -> lab.exec(lab.srv(), "ip", "-br", "link").output());
        run(lab.srv(), "ip", "link", "set", device, "master", srvBridge);
        run(lab.srv(), "ip", "link", "set", device, "up");
    }

    private void run(Namespace ns, String... command) {
        lab.exec(ns, List.of(command).toArray(String[]::new)).requireSuccess();
    }
}
