/**
 * Cluster coordination: the controller lease, membership and liveness, points, placement policy
 * and fencing (design.md section 2). Pure logic behind small interfaces, plus database adapters.
 */
package io.hubfarm.failover;
