package io.hubfarm.node.bridge;

import io.hubfarm.node.hub.HubCatalog;
import io.hubfarm.schema.bridge.BridgeCounters;
import io.hubfarm.schema.bridge.BridgeState;
import io.hubfarm.schema.bridge.LocalBridge;
import io.hubfarm.schema.bridge.LocalBridgeRepository;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this node's local bridges as the database defines them. {@link #reconcile()} (every second)
 * starts a bridge whose definition appeared, stops one whose definition went, retries failed ones, and
 * writes each bridge's state back when it changes; {@link #publishCounters()} writes frame counts.
 * A database that cannot be read leaves running bridges alone.
 *
 * <p>All bridges share a small epoll event loop group: no thread per device.
 */
public final class BridgeSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BridgeSupervisor.class);

    private final LocalBridgeRepository repository;
    private final HubCatalog hubs;
    private final long nodeId;
    private final SysClassNet interfaces;
    private final IoEventLoopGroup loops;
    private final Map<Long, RunningBridge> running = new HashMap<>();
    private final Map<Long, String> reported = new HashMap<>();

    BridgeSupervisor(LocalBridgeRepository repository, HubCatalog hubs, long nodeId, SysClassNet interfaces,
                     IoEventLoopGroup loops) {
        this.repository = repository;
        this.hubs = hubs;
        this.nodeId = nodeId;
        this.interfaces = interfaces;
        this.loops = loops;
    }

    /** A supervisor with its own event loop (one thread) for this node's bridges. */
    public static BridgeSupervisor start(LocalBridgeRepository repository, HubCatalog hubs, long nodeId) {
        IoEventLoopGroup loops = Epoll.isAvailable()
                ? new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bridge-io", true),
                        EpollIoHandler.newFactory())
                : null;
        return new BridgeSupervisor(repository, hubs, nodeId, new SysClassNet(SysClassNet.DEFAULT_ROOT), loops);
    }

    /** Brings the running bridges in line with the definitions; runs on one thread at a time. */
    public synchronized void reconcile() {
        List<LocalBridge> definitions = repository.listForNode(nodeId);
        Map<Long, LocalBridge> wanted = new HashMap<>();
        definitions.forEach(d -> wanted.put(d.id(), d));

        running.entrySet().removeIf(e -> {
            LocalBridge now = wanted.get(e.getKey());
            if (now != null && e.getValue().runs(now)) {
                return false;
            }
            log.info("Local bridge {}: definition {}, stopping it", describe(e.getValue().definition()),
                    now == null ? "deleted" : "changed");
            e.getValue().stop();
            reported.remove(e.getKey());
            return true;
        });

        for (LocalBridge definition : definitions) {
            RunningBridge bridge = running.computeIfAbsent(definition.id(), id -> new RunningBridge(definition));
            if (loops == null) {
                report(bridge, new BridgeFailure(BridgeFailure.Reason.UNSUPPORTED, "local bridges need Linux with epoll"));
                continue;
            }
            bridge.check(hubs, interfaces, (IoEventLoop) loops.next());
            report(bridge, bridge.failure());
        }
    }

    private void report(RunningBridge bridge, BridgeFailure failure) {
        long id = bridge.definition().id();
        String summary = failure == null ? "" : failure.getMessage();
        String previous = reported.get(id);
        if (summary.equals(previous)) {
            return;
        }
        repository.reportState(id, failure == null ? BridgeState.ONLINE : BridgeState.ERROR, summary);
        reported.put(id, summary);
        if (failure == null) {
            log.info("Local bridge {}: online ({} '{}')", describe(bridge.definition()),
                    bridge.definition().tapMode() ? "TAP device" : "raw socket on", bridge.interfaceName());
        } else {
            log.warn("Local bridge {}: {} (retrying every second)", describe(bridge.definition()), summary);
        }
    }

    /** Writes every bridge's frame counts in one batch. */
    public synchronized void publishCounters() {
        Map<Long, BridgeCounters> counters = new HashMap<>();
        running.forEach((id, bridge) -> counters.put(id, bridge.traffic().snapshot()));
        repository.reportCounters(counters);
    }

    /** The interface name each running definition uses, by definition id (for status and tests). */
    public synchronized Map<Long, String> interfaceNames() {
        Map<Long, String> names = new HashMap<>();
        running.forEach((id, bridge) -> names.put(id, bridge.interfaceName()));
        return names;
    }

    private static String describe(LocalBridge definition) {
        return "hub '" + definition.hubName() + "' <-> " + (definition.tapMode() ? "TAP " : "") + "device '"
                + definition.device() + "'";
    }

    /** Stops every bridge (their TAP devices disappear) and marks this node's bridges pending. */
    @Override
    public synchronized void close() {
        running.values().forEach(RunningBridge::stop);
        running.clear();
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        try {
            repository.markPending(nodeId);
        } catch (RuntimeException e) {
            log.warn("Could not mark this node's local bridges stopped: {}", e.getMessage());
        }
    }
}
