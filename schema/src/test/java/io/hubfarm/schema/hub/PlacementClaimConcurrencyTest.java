package io.hubfarm.schema.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.schema.testing.Concurrently;
import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlacementClaimConcurrencyTest {
    private static final int NODES = 8;

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static PlacementRepository placements;
    static HubRepository hubs;
    static final List<Long> nodeIds = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        placements = new PlacementRepository(db.jdbi());
        hubs = new HubRepository(db.jdbi());
        for (int i = 0; i < NODES; i++) {
            nodeIds.add(Fixtures.node(db.jdbi(), "placement-node-" + i).id());
        }
    }

    @Test
    void theFirstWriterWinsAndEveryoneSeesTheSamePlacement() throws Exception {
        for (int round = 0; round < 10; round++) {
            long hubId = hubs.create(NewHub.of("DYN" + round, HubType.DYNAMIC)).id();

            List<Placement> results = Concurrently.run(NODES, i -> () -> placements.claim(hubId, nodeIds.get(i), 1));

            assertThat(results.stream().filter(Placement::claimedByCaller).count()).as("round %d", round).isEqualTo(1);
            long winner = results.stream().filter(Placement::claimedByCaller).findFirst().orElseThrow().nodeId();
            assertThat(results).extracting(Placement::nodeId).containsOnly(winner);
            assertThat(placements.find(hubId)).get().extracting(Placement::nodeId).isEqualTo(winner);
        }
    }

    @Test
    void aReleasedPlacementCanBeClaimedAgainButOnlyTheHolderReleasesIt() {
        long hubId = hubs.create(NewHub.of("DYN-RELEASE", HubType.DYNAMIC)).id();
        long first = nodeIds.get(0);
        long second = nodeIds.get(1);
        assertThat(placements.claim(hubId, first, 1).claimedByCaller()).isTrue();

        assertThat(placements.release(hubId, second)).as("release by a non-holder").isFalse();
        assertThat(placements.find(hubId)).isPresent();

        assertThat(placements.release(hubId, first)).isTrue();
        Placement again = placements.claim(hubId, second, 1);
        assertThat(again.claimedByCaller()).isTrue();
        assertThat(again.nodeId()).isEqualTo(second);
    }
}
