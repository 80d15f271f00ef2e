package io.hubfarm.failover;

import java.util.List;
import java.util.Map;

/**
 * What one controller sweep must write. Every write is conditional on the controller's epoch still
 * being the lease's, and on the rows it names still being as they were read (node id and
 * incarnation, placement holder), so that a plan carried out late or by a deposed controller does
 * no harm.
 *
 * @param declareDead nodes to mark {@code DEAD}: running, but their heartbeat is overdue
 * @param reclaim     nodes whose sessions in the registry and tickets addressed to them are to be
 *                    deleted: the ones declared dead now and any already dead or stopped (repeated
 *                    every sweep, so a controller that failed halfway is finished by the next one)
 * @param releases    dynamic-hub placements to remove, with the reason
 * @param points      the points to publish for every node: the formula's value for a live node,
 *                    0 for any other, so that nobody reading the table picks it
 */
public record SweepPlan(List<NodeReport> declareDead, List<NodeReport> reclaim, List<PlacementRelease> releases,
                        Map<Long, Integer> points) {
    public SweepPlan {
        declareDead = List.copyOf(declareDead);
        reclaim = List.copyOf(reclaim);
        releases = List.copyOf(releases);
        points = Map.copyOf(points);
    }
}
