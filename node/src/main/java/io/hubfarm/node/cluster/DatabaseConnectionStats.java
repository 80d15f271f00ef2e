package io.hubfarm.node.cluster;

/**
 * This node's record of its connection to the shared database, in the terms SoftEther's
 * ClusterConnectionStatusGet shows. The first connection is one attempt and one success; after
 * that, every heartbeat tried while the database is down is an attempt, and the one that gets
 * through again is a success. A healthy node's counters stay still.
 */
final class DatabaseConnectionStats {
    private long attempts = 1;
    private long successes = 1;
    private long failures;
    private boolean connected = true;

    /** Called before each heartbeat; returns true if this one is an attempt to reconnect. */
    synchronized boolean beginAttempt() {
        if (!connected) {
            attempts++;
        }
        return !connected;
    }

    synchronized void succeeded() {
        if (!connected) {
            connected = true;
            successes++;
        }
    }

    /** Returns true if the connection was up until now (the first failure of an outage). */
    synchronized boolean failed() {
        failures++;
        boolean wasUp = connected;
        connected = false;
        return wasUp;
    }

    synchronized long attempts() {
        return attempts;
    }

    synchronized long successes() {
        return successes;
    }

    synchronized long failures() {
        return failures;
    }
}
