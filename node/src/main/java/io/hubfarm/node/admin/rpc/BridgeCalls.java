package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.softether.ClientText;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.NotFoundException;
import io.hubfarm.schema.bridge.BridgeState;
import io.hubfarm.schema.bridge.LocalBridge;
import io.hubfarm.schema.bridge.LocalBridgeRepository;
import io.hubfarm.schema.bridge.NetworkDevice;
import io.hubfarm.schema.bridge.NodeDeviceRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The local bridge functions, for the node the administrator is connected to (a bridge ties a hub
 * to one machine's adapter): EnumEthernet, AddLocalBridge, EnumLocalBridge, DeleteLocalBridge. They
 * change the bridge rows; the node starts and stops the bridges itself within a second or two, and
 * reports each one's state ("Active" once frames flow).
 */
public final class BridgeCalls {
    private final Supplier<NodeRow> self;
    private final HubRepository hubs;
    private final LocalBridgeRepository bridges;
    private final NodeDeviceRepository devices;
    private final AdminAudit audit;

    public BridgeCalls(Supplier<NodeRow> self, HubRepository hubs, LocalBridgeRepository bridges,
                       NodeDeviceRepository devices, AdminAudit audit) {
        this.self = self;
        this.hubs = hubs;
        this.bridges = bridges;
        this.devices = devices;
        this.audit = audit;
    }

    public void addTo(AdminFunctions functions) {
        functions.add("EnumEthernet", this::devices)
                .add("AddLocalBridge", this::add)
                .add("EnumLocalBridge", this::enumerate)
                .add("DeleteLocalBridge", this::delete);
    }

    /** The adapters this node last reported it can bridge. */
    Pack devices(AdminRequest request) {
        request.requireServerAdministrator();
        List<NetworkDevice> reported = devices.report(self.get().name()).devices();
        List<String> names = reported.stream().map(NetworkDevice::name).toList();
        List<String> labels = reported.stream().map(d -> d.kind() + ", " + d.mac() + (d.linkUp() ? ", up" : ", down"))
                .toList();
        return Pack.builder().putInt("NumItem", names.size()).putStrArray("DeviceName", names)
                .putUniStrArray("NetworkConnectionName", labels).build();
    }

    Pack add(AdminRequest request) {
        request.requireServerAdministrator();
        String device = request.str("DeviceName");
        boolean tap = request.pack().getBool("TapMode", false);
        Hub hub = HubCalls.existing(hubs, request.hubName("HubNameLB"));
        if (hub.type() != HubType.STATIC) {
            throw new AdminRpcException(SoftEtherError.NOT_SUPPORTED, "hub '" + hub.name() + "' is dynamic: its one"
                    + " instance may move between nodes, so only a static hub can be bridged to a node's adapter");
        }
        String node = self.get().name();
        try {
            bridges.create(node, hub.name(), device, tap);
        } catch (ConflictException e) {
            throw new AdminRpcException(SoftEtherError.OBJECT_EXISTS, e.getMessage());
        } catch (NotFoundException e) {
            throw new AdminRpcException(SoftEtherError.HUB_NOT_FOUND, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new AdminRpcException(SoftEtherError.INVALID_PARAMETER, "device '" + ClientText.printable(device)
                    + "': " + e.getMessage());
        }
        audit.changed(request, "bridge.create", node + "/" + (tap ? LocalBridgeRepository.TAP_PREFIX : "") + device,
                "hub " + hub.name() + (tap ? ", TAP" : ", raw"));
        return Pack.builder().putStr("DeviceName", device).putStr("HubNameLB", hub.name()).putBool("TapMode", tap)
                .build();
    }

    Pack enumerate(AdminRequest request) {
        request.requireServerAdministrator();
        List<LocalBridge> mine = bridges.listForNode(self.get().id());
        int n = mine.size();
        List<String> deviceNames = new ArrayList<>(n);
        List<String> hubNames = new ArrayList<>(n);
        int[] online = new int[n];
        int[] active = new int[n];
        int[] tap = new int[n];
        for (int i = 0; i < n; i++) {
            LocalBridge b = mine.get(i);
            deviceNames.add(b.device());
            hubNames.add(b.hubName());
            online[i] = 1; // a definition is always in force; whether it runs is "Active"
            active[i] = b.state() == BridgeState.ONLINE ? 1 : 0;
            tap[i] = b.tapMode() ? 1 : 0;
        }
        return Pack.builder().putInt("NumItem", n).putStrArray("DeviceName", deviceNames)
                .putStrArray("HubNameLB", hubNames).putIntArray("Online", online).putIntArray("Active", active)
                .putIntArray("TapMode", tap).build();
    }

    Pack delete(AdminRequest request) {
        request.requireServerAdministrator();
        String device = request.str("DeviceName");
        String hubName = request.hubName("HubNameLB");
        String node = self.get().name();
        LocalBridge existing = bridges.find(node, device).filter(b -> b.hubName().equalsIgnoreCase(hubName))
                .orElseThrow(() -> new AdminRpcException(SoftEtherError.OBJECT_NOT_FOUND, "node '" + node
                        + "' has no bridge of hub '" + ClientText.printable(hubName) + "' on device '"
                        + ClientText.printable(device) + "'"));
        try {
            bridges.delete(node, existing.device());
        } catch (NotFoundException e) {
            throw new AdminRpcException(SoftEtherError.OBJECT_NOT_FOUND, e.getMessage());
        }
        audit.changed(request, "bridge.delete", node + "/" + existing.device(), "hub " + existing.hubName());
        return Pack.builder().putStr("DeviceName", existing.device()).putStr("HubNameLB", existing.hubName())
                .putBool("TapMode", existing.tapMode()).build();
    }
}
