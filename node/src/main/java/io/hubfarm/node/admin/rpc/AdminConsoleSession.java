package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.softether.AdminConsole;
import io.hubfarm.node.protocol.softether.ClientText;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.schema.DatabaseException;
import java.net.InetSocketAddress;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in admin connection: answers each call with its function's reply, or with
 * {@code {error:n}} (33 for a function hubfarm does not offer, 23 when the database fails).
 */
final class AdminConsoleSession implements AdminConsole {
    private static final Logger log = LoggerFactory.getLogger(AdminConsoleSession.class);

    private final AdminPrincipal principal;
    private final InetSocketAddress client;
    private final AdminFunctions functions;

    AdminConsoleSession(AdminPrincipal principal, InetSocketAddress client, AdminFunctions functions) {
        this.principal = principal;
        this.client = client;
        this.functions = functions;
    }

    @Override
    public Pack reply() {
        return Pack.builder().build();
    }

    @Override
    public Pack call(Pack request) {
        String name = request.getStr("function_name", "");
        AdminCall call = functions.find(name).orElse(null);
        if (call == null) {
            log.info("Admin call {} from the {} at {}: not supported (33)", ClientText.printable(name),
                    principal.actor(), client);
            return error(SoftEtherError.NOT_SUPPORTED);
        }
        try {
            Pack reply = call.handle(new AdminRequest(name, principal, client, request));
            log.debug("Admin call {} from the {} at {}: done", name, principal.actor(), client);
            return reply;
        } catch (AdminRpcException e) {
            log.info("Admin call {} from the {} at {} refused with {}: {}", name, principal.actor(), client,
                    e.error(), e.getMessage());
            return error(e.error());
        } catch (DatabaseException | JdbiException e) {
            log.warn("Admin call {} from the {} at {} failed: the database: {}", name, principal.actor(), client,
                    e.getMessage());
            return error(SoftEtherError.INTERNAL_ERROR);
        }
    }

    @Override
    public void closed() {
        log.info("Admin connection of the {} from {} closed", principal.actor(), client);
    }

    static Pack error(SoftEtherError error) {
        return Pack.builder().putInt("error", error.code()).build();
    }
}
