package io.hubfarm.node.admin;

import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.NewHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new one-node cluster gets the hub {@code DEFAULT}, as a new SoftEther server does. It happens
 * once per cluster: an operator who deletes DEFAULT does not find it back after a restart.
 */
public final class DefaultHubBootstrap {
    public static final String SETTING = "cluster.default-hub-created";
    public static final String NAME = "DEFAULT";
    private static final Logger log = LoggerFactory.getLogger(DefaultHubBootstrap.class);

    private DefaultHubBootstrap() {
    }

    /** @return true if this call created the hub */
    public static boolean ensure(ClusterSettings settings, HubRepository hubs) {
        if (settings.get(SETTING).isPresent()) {
            return false;
        }
        boolean created = false;
        if (hubs.list().isEmpty()) {
            try {
                hubs.create(NewHub.of(NAME, HubType.STATIC));
                created = true;
                log.info("Created the static hub '{}' for this new one-node cluster", NAME);
            } catch (ConflictException e) {
                // another start got there first
            }
        }
        settings.putIfAbsent(SETTING, "true");
        return created;
    }
}
