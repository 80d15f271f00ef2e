package io.hubfarm.node.e2e;

import java.time.Duration;

/** A server under test that can bridge a hub to a network device of its own namespace. */
public interface BridgeServerUnderTest extends VpnServerUnderTest {

    /** Defines a local bridge; with {@code tap} the server creates {@code tap_<device>}. */
    void createLocalBridge(String hub, String device, boolean tap);

    void deleteLocalBridge(String hub, String device, boolean tap);

    /** Waits until the server reports the bridge as running. */
    void awaitBridgeOnline(String hub, String device, boolean tap, Duration within);

    /** The server's own account of its bridges (for reports and failure messages). */
    String bridgeStatus();

    /** The kernel's name of the bridged interface: SoftEther and hubfarm both name a TAP {@code tap_<device>}. */
    static String interfaceName(String device, boolean tap) {
        return tap ? "tap_" + device : device;
    }
}
