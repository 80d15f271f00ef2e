package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.protocol.pack.Pack;

/**
 * One admin RPC function: the request's fields in, the reply's out (spec §7.4, the catalogue). A
 * refusal is an {@link AdminRpcException}; database failures may propagate and become error 23.
 */
@FunctionalInterface
public interface AdminCall {
    Pack handle(AdminRequest request);
}
