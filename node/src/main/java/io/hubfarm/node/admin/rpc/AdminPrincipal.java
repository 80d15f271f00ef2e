package io.hubfarm.node.admin.rpc;

/** Who an admin connection belongs to: the server administrator, or one hub's administrator. */
public sealed interface AdminPrincipal {
    /** Whether this administrator may act on the hub of that name (compared without regard to case). */
    boolean mayManage(String hubName);

    /** The audit log's actor. */
    String actor();

    /** The cluster's administrator: every hub, the nodes, the settings. */
    record ServerAdministrator() implements AdminPrincipal {
        @Override
        public boolean mayManage(String hubName) {
            return true;
        }

        @Override
        public String actor() {
            return "server-admin";
        }
    }

    /** One hub's administrator (vpncmd {@code /HUB:}): that hub only. */
    record HubAdministrator(String hubName) implements AdminPrincipal {
        @Override
        public boolean mayManage(String other) {
            return hubName.equalsIgnoreCase(other);
        }

        @Override
        public String actor() {
            return "hub-admin:" + hubName;
        }
    }
}
