package io.hubfarm.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A new one-node cluster gets hub DEFAULT once; an operator's deletion sticks. Each test has its own cluster. */
class DefaultHubBootstrapTest {
    @RegisterExtension
    static final TestDatabase newCluster = new TestDatabase(2, true);
    @RegisterExtension
    static final TestDatabase clusterWithHubs = new TestDatabase(2, true);

    @Test
    void aNewClusterGetsAStaticOnlineDefaultHubOnceAndADeletionSticks() {
        ClusterSettings settings = new ClusterSettings(newCluster.jdbi());
        HubRepository hubs = new HubRepository(newCluster.jdbi());

        assertThat(DefaultHubBootstrap.ensure(settings, hubs)).isTrue();
        Hub hub = hubs.find("DEFAULT").orElseThrow();
        assertThat(hub.type()).isEqualTo(HubType.STATIC);
        assertThat(hub.online()).isTrue();
        assertThat(settings.get(DefaultHubBootstrap.SETTING)).isPresent();

        assertThat(DefaultHubBootstrap.ensure(settings, hubs)).as("second start").isFalse();
        hubs.delete("DEFAULT");
        assertThat(DefaultHubBootstrap.ensure(settings, hubs)).as("start after the operator deleted it").isFalse();
        assertThat(hubs.list()).isEmpty();
    }

    @Test
    void aClusterThatAlreadyHasHubsGetsNone() {
        ClusterSettings settings = new ClusterSettings(clusterWithHubs.jdbi());
        HubRepository hubs = new HubRepository(clusterWithHubs.jdbi());
        hubs.create(NewHub.of("MINE", HubType.DYNAMIC));

        assertThat(DefaultHubBootstrap.ensure(settings, hubs)).isFalse();
        assertThat(hubs.list()).extracting(Hub::name).containsExactly("MINE");
        hubs.delete("MINE");
        assertThat(DefaultHubBootstrap.ensure(settings, hubs)).as("decided once, at the first start").isFalse();
        assertThat(hubs.list()).isEmpty();
    }
}
