package io.hubfarm.failover;

import static io.hubfarm.failover.Nodes.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionPlacementTest {
    private final SessionPlacement placement = new SessionPlacement(1);

    @Test
    void choosesTheNodeWithTheMostPoints() {
        NodeCandidate busy = candidate(1, 30, 100);
        NodeCandidate light = candidate(2, 10, 100);
        NodeCandidate middling = candidate(3, 20, 100);

        assertThat(placement.choose(List.of(busy, light, middling))).contains(light);
    }

    @Test
    void weightMakesALoadedNodeTheBetterChoice() {
        NodeCandidate small = candidate(1, 10, 100);   // 10 sessions per 100 weight
        NodeCandidate big = candidate(2, 15, 200);     // 7.5 sessions per 100 weight

        assertThat(placement.choose(List.of(small, big))).contains(big);
    }

    @Test
    void sessionsJustSentCountAgainstANode() {
        NodeCandidate a = Nodes.pending(candidate(1, 10, 100), 3);
        NodeCandidate b = candidate(2, 12, 100);

        assertThat(placement.choose(List.of(a, b))).contains(b);
    }

    @Test
    void ownRecentDecisionsWeighOncePerLiveNodeWhenRanking() {
        // Two live nodes: the two sessions sent to A since the view count as four, 14 > 13.
        NodeCandidate a = Nodes.pending(candidate(1, 10, 100), 2);
        NodeCandidate b = candidate(2, 13, 100);
        assertThat(placement.choose(List.of(a, b))).contains(b);
        assertThat(a.points()).as("counted once, A would have won").isGreaterThan(b.points());
    }

    @Test
    void ownRecentDecisionsCountOnceTowardsTheLimit() {
        // 9 sessions + 1 sent of 11 allowed: not full, though the ranking counts the one sent thrice.
        NodeCandidate nearlyFull = Nodes.pending(candidate(1, 9, 11, 100), 1);
        List<NodeCandidate> view = List.of(nearlyFull, Nodes.draining(candidate(2, 0, 100)),
                Nodes.controllerOnly(candidate(3, 0, 100), true));

        assertThat(placement.choose(view)).contains(nearlyFull);
    }

    @Test
    void skipsNodesThatTakeNoSessionsEvenWithTheMostPoints() {
        NodeCandidate loaded = candidate(9, 100, 100);
        for (NodeCandidate excluded : List.of(Nodes.dead(candidate(1, 0, 100)),
                Nodes.draining(candidate(1, 0, 100)), Nodes.controllerOnly(candidate(1, 0, 100), true))) {
            assertThat(placement.choose(List.of(excluded, loaded))).as("%s", excluded).contains(loaded);
        }
    }

    @Test
    void aFullNodeIsNeverChosenEvenWithTheMostPoints() {
        // weight 10000 keeps its points high right up to its limit of 10 sessions
        NodeCandidate fullButHighPoints = candidate(1, 10, 10, 10_000);
        NodeCandidate other = candidate(2, 2_000, 100);
        assertThat(fullButHighPoints.points()).isGreaterThan(other.points());

        assertThat(placement.choose(List.of(fullButHighPoints, other))).contains(other);
    }

    @Test
    void whenEveryNodeIsFullThereIsNoChoice() {
        NodeCandidate a = candidate(1, 10, 10, 100);
        NodeCandidate b = Nodes.pending(candidate(2, 8, 10, 100), 2);

        assertThat(placement.choose(List.of(a, b))).isEmpty();
        assertThat(placement.choose(List.of())).isEmpty();
    }

    @Test
    void aTieGoesToTheEntryNodeOrTheNextTiedNodeAfterIt() {
        // Equal load per weight: 1 per 100 on each.
        List<NodeCandidate> tied = List.of(candidate(3, 2, 200), candidate(5, 1, 100), candidate(7, 1, 100));
        assertThat(tied).extracting(NodeCandidate::points).containsOnly(tied.getFirst().points());

        assertThat(new SessionPlacement(5).choose(tied)).as("the entry node is tied").contains(tied.get(1));
        assertThat(new SessionPlacement(4).choose(tied)).as("the next after 4").contains(tied.get(1));
        assertThat(new SessionPlacement(6).choose(tied)).as("the next after 6").contains(tied.get(2));
        assertThat(new SessionPlacement(8).choose(tied)).as("past the last: wraps around").contains(tied.get(0));
        List<NodeCandidate> withAWinner = List.of(candidate(3, 2, 200), candidate(5, 2, 100), candidate(7, 1, 100));
        assertThat(new SessionPlacement(5).choose(withAWinner)).as("no tie: points decide").contains(withAWinner.get(2));
    }

    @Test
    void entryNodesFillingTheSameViewBreakTheirTiesTowardsDifferentNodes() {
        List<NodeCandidate> empty = List.of(candidate(1, 0, 100), candidate(2, 0, 100), candidate(3, 0, 100));

        assertThat(List.of(1L, 2L, 3L)).map(entry -> new SessionPlacement(entry).choose(empty).orElseThrow().nodeId())
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void aBurstFromOneViewFillsNodesInProportionToWeightExactly() {
        List<NodeCandidate> view = List.of(candidate(1, 0, 100), candidate(2, 0, 100), candidate(3, 0, 200));
        Map<Long, Integer> sent = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            NodeCandidate chosen = placement.choose(view).orElseThrow();
            sent.merge(chosen.nodeId(), 1, Integer::sum);
            view = view.stream().map(c -> c.nodeId() == chosen.nodeId() ? c.withOneMorePending() : c).toList();
        }

        assertThat(sent).containsEntry(1L, 10).containsEntry(2L, 10).containsEntry(3L, 20);
    }
}
