package io.hubfarm.node.bridge;

import io.hubfarm.node.bridge.BridgeFailure.Reason;
import io.hubfarm.node.hub.HubCatalog;
import io.hubfarm.node.hub.VirtualHub;
import io.hubfarm.schema.bridge.LocalBridge;
import io.hubfarm.schema.bridge.LocalBridgeRepository;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubType;
import io.netty.channel.IoEventLoop;
import java.util.Optional;

/**
 * One bridge definition of this node and what runs for it. {@link #check} is called every second by
 * the supervisor: it opens the device when it is closed, re-opens it when it failed, vanished or was
 * replaced, and keeps it attached to the hub's current instance. It never throws; what is wrong ends
 * up in {@link #failure()}.
 */
final class RunningBridge {
    private final LocalBridge definition;
    private final String portName;
    private final BridgeTraffic traffic = new BridgeTraffic();
    private BridgePort port;
    private BridgeFailure failure;

    RunningBridge(LocalBridge definition) {
        this.definition = definition;
        this.portName = "bridge:" + interfaceName();
    }

    LocalBridge definition() {
        return definition;
    }

    /** The kernel's name of the device: SoftEther's {@code tap_<name>} in TAP mode. */
    String interfaceName() {
        return definition.tapMode() ? LocalBridgeRepository.TAP_PREFIX + definition.device() : definition.device();
    }

    /** Whether this still runs {@code other} as it is: same hub, device and mode (state and counters aside). */
    boolean runs(LocalBridge other) {
        return other.hubId() == definition.hubId() && other.device().equals(definition.device())
                && other.tapMode() == definition.tapMode();
    }

    BridgeTraffic traffic() {
        return traffic;
    }

    /** Null when frames flow between the hub and the device. */
    BridgeFailure failure() {
        return failure;
    }

    void check(HubCatalog hubs, SysClassNet interfaces, IoEventLoop loop) {
        try {
            ensureDevice(interfaces, loop);
            ensureAttached(hubs);
            failure = null;
        } catch (BridgeFailure f) {
            failure = f;
        } catch (RuntimeException e) {
            // A bug or an unexpected kernel answer must not stop the node's other bridges.
            failure = new BridgeFailure(BridgeFailure.Reason.IO_ERROR, interfaceName() + ": " + e);
        }
    }

    private void ensureDevice(SysClassNet interfaces, IoEventLoop loop) throws BridgeFailure {
        if (port != null) {
            BridgeFailure failed = port.failure();
            Optional<SysClassNet.Interface> now = interfaces.find(interfaceName());
            boolean replaced = now.isEmpty() || now.get().index() != port.device().interfaceIndex();
            boolean down = !definition.tapMode() && now.isPresent() && !now.get().up();
            if (failed == null && !replaced && !down) {
                return;
            }
            port.shutdown();
            port = null;
        }
        EthernetDevice device = definition.tapMode() ? TapDevice.create(interfaceName()) : openRaw(interfaces);
        port = BridgePort.open(portName, device, traffic, loop);
    }

    private PacketSocket openRaw(SysClassNet interfaces) throws BridgeFailure {
        SysClassNet.Interface found = interfaces.find(interfaceName()).orElseThrow(() -> new BridgeFailure(
                Reason.DEVICE_MISSING, "no network interface '" + interfaceName() + "' on this node"));
        if (!found.ethernet()) {
            throw new BridgeFailure(Reason.UNSUPPORTED, "'" + interfaceName() + "' is not an Ethernet interface");
        }
        if (!found.up()) {
            throw new BridgeFailure(Reason.DEVICE_DOWN, "network interface '" + interfaceName()
                    + "' is down (ip link set " + interfaceName() + " up)");
        }
        return PacketSocket.open(interfaceName());
    }

    private void ensureAttached(HubCatalog hubs) throws BridgeFailure {
        Hub hub = hubs.findById(definition.hubId()).orElse(null);
        if (hub == null) {
            port.detach();
            throw new BridgeFailure(Reason.HUB_OFFLINE, "hub '" + definition.hubName() + "' is not known to this node");
        }
        if (hub.type() != HubType.STATIC) {
            port.detach();
            throw new BridgeFailure(Reason.HUB_DYNAMIC, "hub '" + hub.name() + "' is dynamic: its one instance may"
                    + " move between nodes, so it cannot be bridged to an adapter of one node");
        }
        Optional<VirtualHub> instance = hubs.instance(hub);
        if (instance.isEmpty()) {
            port.detach();
            throw new BridgeFailure(Reason.HUB_OFFLINE, "hub '" + hub.name() + "' is offline");
        }
        if (!port.isAttachedTo(instance.get())) {
            try {
                port.attach(instance.get());
            } catch (IllegalStateException stoppedMeanwhile) {
                throw new BridgeFailure(Reason.HUB_OFFLINE, "hub '" + hub.name() + "' stopped while the bridge joined it");
            }
        }
    }

    void stop() {
        if (port != null) {
            port.shutdown();
            port = null;
        }
    }
}
