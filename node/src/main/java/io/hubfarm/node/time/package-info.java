/** The node's clock abstraction: every timeout and schedule in a node reads time through {@link io.hubfarm.node.time.NodeClock}. */
package io.hubfarm.node.time;
