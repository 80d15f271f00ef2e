package io.hubfarm.failover;

import static io.hubfarm.failover.Nodes.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SessionPlacementTest {
    private final SessionPlacement placement = new SessionPlacement(new SplittableRandom(7));

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
    void tiesAreDrawnInProportionToWeight() {
        // Equal load per weight: 1 per 100 on each.
        List<NodeCandidate> tied = List.of(candidate(1, 1, 100), candidate(2, 1, 100), candidate(3, 2, 200));
        assertThat(tied).extracting(NodeCandidate::points).containsOnly(tied.getFirst().points());
        Map<Long, Integer> wins = new HashMap<>();
        int draws = 40_000;
        for (int i = 0; i < draws; i++) {
            wins.merge(placement.choose(tied).orElseThrow().nodeId(), 1, Integer::sum);
        }

        assertThat(wins.get(1L) / (double) draws).isBetween(0.23, 0.27);
        assertThat(wins.get(2L) / (double) draws).isBetween(0.23, 0.27);
        assertThat(wins.get(3L) / (double) draws).isBetween(0.48, 0.52);
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
