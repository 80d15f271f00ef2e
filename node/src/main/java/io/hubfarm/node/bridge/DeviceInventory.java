package io.hubfarm.node.bridge;

import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.bridge.NetworkDevice;
import io.hubfarm.schema.bridge.NodeDeviceRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Publishes the Ethernet interfaces this node could bridge, so that {@code bridge devices --node} on any
 * node can list them. Writes when the set changes, and once a minute anyway so the report's time shows
 * the node is still reporting.
 */
public final class DeviceInventory {
    static final Duration REFRESH = Duration.ofMinutes(1);

    private final NodeDeviceRepository repository;
    private final long nodeId;
    private final SysClassNet interfaces;
    private final NodeClock clock;
    private List<NetworkDevice> published;
    private long publishedAt;

    DeviceInventory(NodeDeviceRepository repository, long nodeId, SysClassNet interfaces, NodeClock clock) {
        this.repository = repository;
        this.nodeId = nodeId;
        this.interfaces = interfaces;
        this.clock = clock;
    }

    public static DeviceInventory of(NodeDeviceRepository repository, long nodeId, NodeClock clock) {
        return new DeviceInventory(repository, nodeId, new SysClassNet(SysClassNet.DEFAULT_ROOT), clock);
    }

    public synchronized void publish() {
        List<NetworkDevice> now;
        try {
            now = interfaces.ethernetDevices();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list this node's network interfaces", e);
        }
        long at = clock.nanoTime();
        if (now.equals(published) && at - publishedAt < REFRESH.toNanos()) {
            return;
        }
        repository.replace(nodeId, now);
        published = now;
        publishedAt = at;
    }
}
