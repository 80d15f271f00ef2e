package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.softether.ClientText;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import java.net.InetSocketAddress;

/** One admin call as a function sees it: who asks, from where, and the request's fields. */
public record AdminRequest(String function, AdminPrincipal principal, InetSocketAddress client, Pack pack) {
    /** Refuses the call unless the server administrator makes it. */
    public void requireServerAdministrator() {
        if (!(principal instanceof AdminPrincipal.ServerAdministrator)) {
            throw new AdminRpcException(SoftEtherError.NOT_ENOUGH_RIGHT,
                    function + " needs the server administrator, not the " + principal.actor());
        }
    }

    /** The request's {@code HubName}, which this administrator must be allowed to manage. */
    public String hubName() {
        return hubName("HubName");
    }

    public String hubName(String field) {
        String hub = pack.getStr(field, "");
        if (hub.isEmpty()) {
            throw new AdminRpcException(SoftEtherError.INVALID_PARAMETER, function + " without a " + field);
        }
        if (!principal.mayManage(hub)) {
            throw new AdminRpcException(SoftEtherError.NOT_ENOUGH_RIGHT, "the " + principal.actor()
                    + " may not manage hub '" + ClientText.printable(hub) + "'");
        }
        return hub;
    }

    /** A required string field. */
    public String str(String field) {
        String value = pack.getStr(field, "");
        if (value.isEmpty()) {
            throw new AdminRpcException(SoftEtherError.INVALID_PARAMETER, function + " without a " + field);
        }
        return value;
    }
}
