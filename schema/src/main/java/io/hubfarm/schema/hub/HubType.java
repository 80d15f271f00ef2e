package io.hubfarm.schema.hub;

/** SoftEther's cluster hub types. Fixed when the hub is created. */
public enum HubType {
    /** An instance on every node; sessions are spread by points. */
    STATIC,
    /** At most one instance in the cluster, started by its first session. */
    DYNAMIC
}
