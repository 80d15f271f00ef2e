/**
 * Cluster coordination (design.md section 2) as pure decisions: no I/O, no threads, no wall clock.
 * A node's {@code cluster} package feeds these classes what it read from the database and carries
 * out what they decide; each class names the conditions its writes need.
 *
 * <h2>Time</h2>
 * Two kinds only. Ages the database computed against its own clock ({@code NOW(3) - last_heartbeat},
 * {@code NOW(3) - empty_since}) decide anything about other nodes, so no two machines' clocks are
 * ever compared. A node's own deadlines (lease step-down, self-fencing) run on
 * {@link io.hubfarm.failover.MonotonicClock}; tests drive a manual one.
 *
 * <h2>Intake: where a new session goes</h2>
 * <ul>
 * <li>{@link io.hubfarm.failover.Points}: SoftEther's load score,
 *     {@code (M - min(S*100/W, M)) * 100000 / M}, evaluated exactly; full at {@code S >= M}.</li>
 * <li>{@link io.hubfarm.failover.NodeCandidate}: a node as an entry node sees it: the sessions
 *     its view shows (heartbeat plus what the database counts as on its way) and those this entry
 *     node sent since reading the view ({@link io.hubfarm.failover.IssuedTickets}).</li>
 * <li>{@link io.hubfarm.failover.SessionPlacement}: static hubs: the highest points among live,
 *     online, non-full nodes (never a controller-only node while it holds the lease); a tie goes to
 *     the entry node, or the next tied node after it. Empty means every node is full: the client gets error 16, hub busy.</li>
 * <li>{@link io.hubfarm.failover.DynamicHubPlacement}: dynamic hubs: the live holder of the
 *     placement, else a claim for the node {@code SessionPlacement} picks
 *     ({@link io.hubfarm.failover.DynamicHubRoute}).</li>
 * </ul>
 *
 * <h2>Controller</h2>
 * <ul>
 * <li>{@link io.hubfarm.failover.ControllerLease}: the election: acquire, renew every
 *     {@code ttl/3}, step down by its own deadline before the lease can expire; its epoch fences
 *     every controller write. The lease row sits behind {@link io.hubfarm.failover.LeaseStore}.</li>
 * <li>{@link io.hubfarm.failover.ControllerSweep}: one round of duties as a
 *     {@link io.hubfarm.failover.SweepPlan}: nodes to declare dead, nodes whose sessions and tickets
 *     to reclaim, placements to release ({@link io.hubfarm.failover.PlacementRelease}), points to
 *     publish.</li>
 * </ul>
 *
 * <h2>Liveness and fencing</h2>
 * {@link io.hubfarm.failover.Liveness} is the one rule every node applies: running and a heartbeat
 * at most {@code dead_after} old. {@link io.hubfarm.failover.SelfFencing} makes a node stop its
 * dynamic hubs before that rule can call it dead, so a dynamic hub never runs on two nodes, even
 * across a partition.
 */
package io.hubfarm.failover;
