package io.hubfarm.failover;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Chooses the node a new session of a static hub goes to (design.md section 2, spec 8.1): among
 * the nodes that {@linkplain NodeCandidate#takesSessions() take sessions}, the one with the highest
 * points, counting the sessions on their way.
 *
 * <p>Several entry nodes take the same burst at once (clients reach any node by DNS round robin),
 * each seeing the others' decisions only at its next view read. Were each to count its own recent
 * decisions once, all of them would fill the same gap the view shows, and overshoot it together.
 * So for the ranking an entry node counts each session it sent since its view once per live node
 * (the peers it expects to be doing as much): together they then fill the gap once, and alone it
 * only closes the gap more gently until its next read. Whether a node is full counts each session
 * once, so this never refuses a client.
 *
 * <p>Ties are broken by a weighted draw: each tied node wins with a probability proportional to
 * its weight. SoftEther gives every tie to the last member in its list; done the same way by
 * several entry nodes at once, that sends each of their bursts' leftovers to one node.
 *
 * <p>Not thread-safe when the random generator is not: give each intake thread its own, or
 * synchronise the calls together with the recording of the issued ticket.
 */
public final class SessionPlacement {
    private final RandomGenerator random;

    public SessionPlacement(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The node to send the session to, or empty when no node takes sessions (every node is full,
     * dead, or a controller-only lease holder): the client then gets error 16, hub busy.
     */
    public Optional<NodeCandidate> choose(Collection<NodeCandidate> candidates) {
        int peers = (int) Math.max(1, candidates.stream().filter(NodeCandidate::alive).count());
        List<NodeCandidate> best = new ArrayList<>();
        int bestPoints = -1;
        for (NodeCandidate c : candidates) {
            if (!c.takesSessions()) {
                continue;
            }
            int points = Points.of(anticipatedSessions(c, peers), c.maxSessions(), c.weight());
            if (points > bestPoints) {
                best.clear();
                bestPoints = points;
            }
            if (points == bestPoints) {
                best.add(c);
            }
        }
        return switch (best.size()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(best.getFirst());
            default -> Optional.of(drawByWeight(best));
        };
    }

    private static int anticipatedSessions(NodeCandidate c, int peers) {
        return (int) Math.min(Integer.MAX_VALUE, c.sessions() + (long) c.pendingTickets() * peers);
    }

    private NodeCandidate drawByWeight(List<NodeCandidate> tied) {
        long total = 0;
        for (NodeCandidate c : tied) {
            total += Points.effectiveWeight(c.weight());
        }
        long ticket = random.nextLong(total);
        for (NodeCandidate c : tied) {
            ticket -= Points.effectiveWeight(c.weight());
            if (ticket < 0) {
                return c;
            }
        }
        throw new AssertionError("a draw below the total weight always lands on a node");
    }
}
