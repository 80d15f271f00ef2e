package io.hubfarm.node.cli;

import io.hubfarm.node.config.Setting;
import io.hubfarm.node.config.SettingValues;
import io.hubfarm.schema.Database;
import io.hubfarm.schema.bridge.BridgeCounters;
import io.hubfarm.schema.bridge.LocalBridge;
import io.hubfarm.schema.bridge.LocalBridgeRepository;
import io.hubfarm.schema.bridge.NetworkDevice;
import io.hubfarm.schema.bridge.NodeDeviceRepository;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.NotFoundException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bridge", description = "Manage local bridges: a hub bridged to a TAP device or network adapter of a node.",
        subcommands = {BridgeCommand.Create.class, BridgeCommand.ListBridges.class, BridgeCommand.Delete.class,
                BridgeCommand.Devices.class})
public final class BridgeCommand {
    /** A node heard from less recently than this is shown as offline (the nodes' dead_after). */
    static final Duration NODE_SILENT = Duration.ofSeconds(5);

    /** The node a command is about: --node, else the name a node started with the same configuration takes. */
    static final class NodeChoice {
        @Option(names = "--node", paramLabel = "NAME",
                description = "the node (default: this machine's node, the 'name' setting or the host name)")
        String node;

        String resolve(DatabaseOptions database) {
            if (node != null) {
                return node;
            }
            return SettingValues.load(database.values(), System.getenv()).get(Setting.NAME).orElseGet(NodeCommand::hostName);
        }
    }

    @Command(name = "create", description = "Bridge a static hub to a device of a node; the node starts it within seconds.")
    static final class Create implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Mixin
        NodeChoice nodeChoice;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "HUB", description = "a static hub")
        String hub;
        @Parameters(index = "1", paramLabel = "DEVICE",
                description = "an existing network interface, or with --tap the name of the TAP device to create")
        String device;
        @Option(names = "--tap", description = "create a TAP device tap_DEVICE instead of using an existing interface")
        boolean tap;

        @Override
        public Integer call() {
            CliArguments.hubName(hub);
            CliArguments.deviceName(device, tap);
            String node = nodeChoice.resolve(database);
            String interfaceName = tap ? LocalBridgeRepository.TAP_PREFIX + device : device;
            try (Database db = DbCommand.openMigrated(database)) {
                CliAudit.change(db, "bridge.create", node + "/" + interfaceName, "hub " + hub + (tap ? ", TAP" : ", raw"),
                        () -> new LocalBridgeRepository(db.jdbi()).create(node, hub, device, tap));
            }
            spec.commandLine().getOut().println("Bridged hub '" + hub + "' to " + (tap ? "new TAP device '" : "device '")
                    + interfaceName + "' on node '" + node + "'; the node starts it within seconds (see 'hubfarm bridge list').");
            return 0;
        }
    }

    @Command(name = "list", description = "List the bridges of every node with the state their node reported.")
    static final class ListBridges implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;
        @Option(names = "--node", paramLabel = "NAME", description = "only this node's bridges")
        String node;

        @Override
        public Integer call() {
            TextTable table = new TextTable("NODE", "HUB", "DEVICE", "MODE", "STATE", "FRAMES-IN", "FRAMES-OUT",
                    "DROPPED", "ERROR");
            try (Database db = DbCommand.openMigrated(database)) {
                Map<String, NodeRow> nodes = new HashMap<>();
                new NodeRepository(db.jdbi()).list().forEach(n -> nodes.put(n.name(), n));
                if (node != null && !nodes.containsKey(node)) {
                    throw new NotFoundException("node '" + node + "' does not exist");
                }
                for (LocalBridge b : new LocalBridgeRepository(db.jdbi()).list()) {
                    if (node != null && !node.equals(b.nodeName())) {
                        continue;
                    }
                    NodeRow owner = nodes.get(b.nodeName());
                    boolean reporting = owner != null && owner.isLive(NODE_SILENT);
                    BridgeCounters c = b.counters();
                    table.row(b.nodeName(), b.hubName(),
                            b.tapMode() ? LocalBridgeRepository.TAP_PREFIX + b.device() : b.device(),
                            b.tapMode() ? "tap" : "raw", reporting ? b.state() : b.state() + "(node-offline)",
                            c.framesIn(), c.framesOut(), c.oversizeDropped() + c.queueDropped(), b.error());
                }
            }
            table.print(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "delete", description = "Remove a bridge; its node stops it (and removes its TAP device) within seconds.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Mixin
        NodeChoice nodeChoice;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "HUB", description = "the bridged hub")
        String hub;
        @Parameters(index = "1", paramLabel = "DEVICE", description = "the device as given to 'bridge create'")
        String device;

        @Override
        public Integer call() {
            String node = nodeChoice.resolve(database);
            try (Database db = DbCommand.openMigrated(database)) {
                LocalBridgeRepository bridges = new LocalBridgeRepository(db.jdbi());
                LocalBridge existing = bridges.find(node, device).orElseThrow(() -> new NotFoundException(
                        "node '" + node + "' has no bridge on device '" + device + "'"));
                if (!existing.hubName().equalsIgnoreCase(hub)) {
                    throw new NotFoundException("the bridge on device '" + device + "' of node '" + node
                            + "' belongs to hub '" + existing.hubName() + "', not '" + hub + "'");
                }
                CliAudit.change(db, "bridge.delete", node + "/" + device, "hub " + existing.hubName(),
                        () -> bridges.delete(node, device));
            }
            spec.commandLine().getOut().println("Removed the bridge of hub '" + hub + "' on device '" + device
                    + "' of node '" + node + "'.");
            return 0;
        }
    }

    @Command(name = "devices", description = "List the network interfaces a node reported it can bridge.")
    static final class Devices implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Mixin
        NodeChoice nodeChoice;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String node = nodeChoice.resolve(database);
            NodeDeviceRepository.DeviceReport report;
            try (Database db = DbCommand.openMigrated(database)) {
                report = new NodeDeviceRepository(db.jdbi()).report(node);
            }
            TextTable table = new TextTable("DEVICE", "KIND", "MAC", "MTU", "LINK");
            List<NetworkDevice> devices = report.devices();
            devices.forEach(d -> table.row(d.name(), d.kind(), d.mac(), d.mtu(), d.linkUp() ? "up" : "down"));
            table.print(spec.commandLine().getOut());
            spec.commandLine().getOut().println(report.reportedAt()
                    .map(at -> "Reported by node '" + node + "' at " + TextTable.time(at) + ".")
                    .orElse("Node '" + node + "' has not reported its devices: it has not run since this version"
                            + " was installed, or has no Ethernet interface."));
            return 0;
        }
    }
}
