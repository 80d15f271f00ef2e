/**
 * The end-to-end lab: real, unmodified SoftEther programs in Linux network namespaces.
 *
 * <p>{@link io.hubfarm.node.e2e.VpnLab} builds namespaces srv, a and b joined by veths;
 * a {@link io.hubfarm.node.e2e.VpnServerUnderTest} runs inside srv ({@link io.hubfarm.node.e2e.RealVpnServer}
 * is Debian's vpnserver, the reference); one {@link io.hubfarm.node.e2e.RealVpnClient} per client
 * namespace connects to it over the remote path; {@link io.hubfarm.node.e2e.Traffic} pings, moves
 * checksummed data and measures throughput between the clients' VPN adapters through the hub.
 * Every SoftEther program runs with private state directories ({@link io.hubfarm.node.e2e.SoftEtherState}).
 *
 * <p>Needs root, iproute2, softether-vpnserver/-vpnclient/-vpncmd, iputils-ping, socat and iperf3
 * (scripts/test installs them). Run the reference scenario with:
 * <pre>
 * ./mvnw -B -o -pl node -am verify -Dit.test=RealVpnServerLabIT -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 * {@code -Dhubfarm.lab.keep=true} keeps the lab's work directory (logs, configs) after teardown.
 *
 * <p>Local bridges: {@link io.hubfarm.node.e2e.BridgeLan} adds a namespace lan (a Linux bridge with the
 * LAN host 10.77.0.10/24) and two uplinks from srv, and {@link io.hubfarm.node.e2e.BridgedHub} bridges a
 * hub to it in raw or TAP mode with one real client at 10.77.0.50; the scenario
 * ({@code -Dit.test='RealVpnServerBridgeIT,HubfarmNodeBridgeIT'}) pings and downloads 10 MB from the
 * host in both modes, and {@code scripts/bench-bridge} compares throughput.
 */
package io.hubfarm.node.e2e;
