package io.hubfarm.failover;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

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
 * <p>A tie goes to the entry node itself if it is among the tied nodes, else to the next tied node
 * after it in the order of node ids, wrapping around. SoftEther gives every tie to the last member
 * in its list; done the same way by several entry nodes at once, that sends each of their bursts'
 * leftovers to one node. Independent random draws are no better: at the end of a burst their
 * coin flips add up, and measured in {@code IntakeBurstSimulationTest} they pushed one node past
 * its share now and then. Starting from itself, each entry node breaks its ties towards a
 * different node, and keeping a tie saves the client a redirect. Where clients trickle in one at
 * a time to a cluster at rest, every session is a tie and stays on the node the client reached:
 * the round-robin DNS name spreads those, not the weights. Stateless and thread-safe.
 */
public final class SessionPlacement {
    private final long entryNodeId;

    /** @param entryNodeId the node taking the decisions, which breaks ties from itself onwards */
    public SessionPlacement(long entryNodeId) {
        this.entryNodeId = entryNodeId;
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
            default -> Optional.of(firstFromEntryNode(best));
        };
    }

    private static int anticipatedSessions(NodeCandidate c, int peers) {
        return (int) Math.min(Integer.MAX_VALUE, c.sessions() + (long) c.pendingTickets() * peers);
    }

    private NodeCandidate firstFromEntryNode(List<NodeCandidate> tied) {
        NodeCandidate atOrAfter = null;
        NodeCandidate lowest = null;
        for (NodeCandidate c : tied) {
            if (c.nodeId() >= entryNodeId && (atOrAfter == null || c.nodeId() < atOrAfter.nodeId())) {
                atOrAfter = c;
            }
            if (lowest == null || c.nodeId() < lowest.nodeId()) {
                lowest = c;
            }
        }
        return atOrAfter != null ? atOrAfter : lowest;
    }
}
