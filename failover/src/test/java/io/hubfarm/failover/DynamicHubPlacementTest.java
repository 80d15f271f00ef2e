package io.hubfarm.failover;

import static io.hubfarm.failover.Nodes.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.schema.hub.Placement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DynamicHubPlacementTest {
    private static final long HUB = 42;

    private final DynamicHubPlacement rule = new DynamicHubPlacement(new SessionPlacement(1));
    private final NodeCandidate loaded = candidate(1, 50, 100);
    private final NodeCandidate light = candidate(2, 5, 100);
    private final List<NodeCandidate> view = List.of(loaded, light);

    private static Optional<Placement> placedOn(NodeCandidate node, long incarnation) {
        return Optional.of(new Placement(HUB, node.nodeId(), incarnation, false));
    }

    @Test
    void anUnplacedHubIsClaimedForTheNodeWithTheMostPoints() {
        assertThat(rule.route(Optional.empty(), view)).isEqualTo(new DynamicHubRoute.Claim(light, Optional.empty()));
    }

    @Test
    void aPlacedHubTakesItsSessionsOnItsHolderWhateverItsPoints() {
        assertThat(rule.route(placedOn(loaded, 1), view)).isEqualTo(new DynamicHubRoute.ToHolder(loaded));
    }

    @Test
    void aDeadHoldersPlacementIsReplaced() {
        List<NodeCandidate> deadHolder = List.of(Nodes.dead(loaded), light);

        assertThat(rule.route(placedOn(loaded, 1), deadHolder))
                .isEqualTo(new DynamicHubRoute.Claim(light, placedOn(loaded, 1)));
    }

    @Test
    void aPlacementMadeByAnEarlierProcessOfTheHolderIsReplaced() {
        // The holder restarted: incarnation 2 does not run the instance incarnation 1 claimed.
        List<NodeCandidate> restarted = List.of(Nodes.incarnation(loaded, 2), light);

        assertThat(rule.route(placedOn(loaded, 1), restarted))
                .isEqualTo(new DynamicHubRoute.Claim(light, placedOn(loaded, 1)));
    }

    @Test
    void aPlacementOnANodeMissingFromTheViewIsReplaced() {
        Optional<Placement> gone = Optional.of(new Placement(HUB, 99, 1, false));

        assertThat(rule.route(gone, view)).isEqualTo(new DynamicHubRoute.Claim(light, gone));
    }

    @Test
    void aFullHolderMakesTheSessionWaitRatherThanStartASecondInstance() {
        NodeCandidate full = candidate(1, 4096, 100);

        assertThat(rule.route(placedOn(full, 1), List.of(full, light))).isInstanceOf(DynamicHubRoute.Busy.class);
    }

    @Test
    void aDrainingHolderIsAliveSoItsHubStaysThereAndTakesNoNewSession() {
        assertThat(rule.route(placedOn(loaded, 1), List.of(Nodes.draining(loaded), light)))
                .isInstanceOf(DynamicHubRoute.Busy.class);
    }

    @Test
    void aControllerOnlyHolderThatBecameControllerKeepsServingItsHub() {
        NodeCandidate controller = Nodes.controllerOnly(loaded, true);

        assertThat(rule.route(placedOn(loaded, 1), List.of(controller, light)))
                .isEqualTo(new DynamicHubRoute.ToHolder(controller));
        // ... but is never chosen for a hub that runs nowhere.
        assertThat(rule.route(Optional.empty(), List.of(Nodes.controllerOnly(light, true), loaded)))
                .isEqualTo(new DynamicHubRoute.Claim(loaded, Optional.empty()));
    }

    @Test
    void whenNoNodeTakesSessionsTheHubIsBusy() {
        List<NodeCandidate> allFull = List.of(candidate(1, 10, 10, 100), Nodes.dead(light));

        assertThat(rule.route(Optional.empty(), allFull)).isInstanceOf(DynamicHubRoute.Busy.class);
        assertThat(rule.route(placedOn(light, 1), allFull)).isInstanceOf(DynamicHubRoute.Busy.class);
    }
}
