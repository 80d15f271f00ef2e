package io.hubfarm.node.hub;

import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hubs of the cluster as this node last read them, and the node's running instance of each
 * online one. {@link #refresh()} runs every second: a hub created in the database gets an instance
 * on first use, a hub deleted or set offline has its instance stopped (which disconnects its
 * sessions). Logins read the snapshot, never the database.
 */
public final class HubCatalog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HubCatalog.class);

    private final HubRepository hubs;
    private final HubLimits limits;
    private final NodeClock clock;
    private volatile Map<String, Hub> byName = Map.of();
    private final ConcurrentHashMap<Long, VirtualHub> instances = new ConcurrentHashMap<>();

    public HubCatalog(HubRepository hubs, HubLimits limits, NodeClock clock) {
        this.hubs = hubs;
        this.limits = limits;
        this.clock = clock;
    }

    public Optional<Hub> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<Hub> findById(long id) {
        return byName.values().stream().filter(h -> h.id() == id).findFirst();
    }

    public List<Hub> list() {
        return List.copyOf(byName.values());
    }

    /**
     * The running instance of an online hub, started on first use.
     *
     * @return empty if the hub is offline or no longer known
     */
    public synchronized Optional<VirtualHub> instance(Hub hub) {
        Hub current = byName.get(hub.name().toLowerCase(Locale.ROOT));
        if (current == null || current.id() != hub.id() || !current.online()) {
            return Optional.empty();
        }
        return Optional.of(instances.computeIfAbsent(hub.id(), id -> {
            log.info("Hub '{}' ({}) started on this node", hub.name(), hub.type());
            return new VirtualHub(hub.name(), limits, clock);
        }));
    }

    public Optional<VirtualHub> runningInstance(long hubId) {
        return Optional.ofNullable(instances.get(hubId));
    }

    /** The running instances of hubs of one type, by hub id. */
    public Map<Long, VirtualHub> running(HubType type) {
        Map<Long, VirtualHub> out = new HashMap<>();
        instances.forEach((id, instance) -> {
            if (findById(id).map(h -> h.type() == type).orElse(false)) {
                out.put(id, instance);
            }
        });
        return out;
    }

    /** Stops a hub's instance on this node, disconnecting its sessions; false if it was not running. */
    public boolean stop(long hubId, String why) {
        VirtualHub instance = instances.remove(hubId);
        if (instance == null) {
            return false;
        }
        log.info("Hub '{}' stopped on this node ({}): disconnecting its {} sessions", instance.name(), why,
                instance.members().size());
        instance.stop();
        return true;
    }

    /** Reads the hubs table and applies what changed. Throws if the database cannot answer; the snapshot stays. */
    public void refresh() {
        Map<String, Hub> fresh = new HashMap<>();
        for (Hub hub : hubs.list()) {
            fresh.put(hub.name().toLowerCase(Locale.ROOT), hub);
        }
        Map<Long, Hub> byId = new HashMap<>();
        fresh.values().forEach(h -> byId.put(h.id(), h));
        List<VirtualHub> stopped = new java.util.ArrayList<>();
        synchronized (this) {
            byName = Map.copyOf(fresh);
            instances.forEach((id, instance) -> {
                Hub hub = byId.get(id);
                if ((hub == null || !hub.online()) && instances.remove(id, instance)) {
                    log.info("Hub '{}' {}: stopping it and disconnecting its {} sessions", instance.name(),
                            hub == null ? "was deleted" : "was set offline", instance.members().size());
                    stopped.add(instance);
                }
            });
        }
        stopped.forEach(VirtualHub::stop);
    }

    /** Forgets MAC entries older than the ageing time, in every running hub. */
    public void sweep() {
        instances.values().forEach(VirtualHub::sweep);
    }

    @Override
    public void close() {
        instances.values().forEach(VirtualHub::stop);
        instances.clear();
    }
}
