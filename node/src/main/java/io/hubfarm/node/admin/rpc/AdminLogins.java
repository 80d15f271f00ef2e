package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.admin.AdminPasswordBootstrap;
import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.node.protocol.softether.AdminConsole;
import io.hubfarm.node.protocol.softether.AdminLoginRequest;
import io.hubfarm.node.protocol.softether.AdminLoginService;
import io.hubfarm.node.protocol.softether.ClientText;
import io.hubfarm.node.protocol.softether.LoginRefusedException;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.schema.DatabaseException;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin logins (spec §7.1) on any node: the server administrator proves the SHA-0 hash stored in
 * the cluster settings, a hub administrator the hash stored with the hub. Unlike SoftEther, which
 * takes hub administrators on the controller only, every node takes both: the configuration is in
 * the database. Every failure is logged with the source address and throttled per address
 * ({@link LoginThrottle}).
 */
public final class AdminLogins implements AdminLoginService {
    private static final Logger log = LoggerFactory.getLogger(AdminLogins.class);

    private final ClusterSettings settings;
    private final HubRepository hubs;
    private final LoginThrottle throttle;
    private final AdminFunctions functions;

    public AdminLogins(ClusterSettings settings, HubRepository hubs, LoginThrottle throttle, AdminFunctions functions) {
        this.settings = settings;
        this.hubs = hubs;
        this.throttle = throttle;
        this.functions = functions;
    }

    @Override
    public AdminConsole login(AdminLoginRequest request, byte[] challenge, InetSocketAddress client) {
        if (throttle.before(client.getAddress()) instanceof LoginThrottle.Verdict.LockedOut(Duration remaining)) {
            log.warn("Admin login of the {} from {} refused: too many wrong passwords from this address, locked out "
                    + "for {} s more", request.who(), client.getAddress().getHostAddress(), remaining.toSeconds() + 1);
            throw new LoginRefusedException(SoftEtherError.ACCESS_DENIED, "locked out");
        }
        AdminPrincipal principal;
        byte[] stored;
        try {
            if (request.hubName().isPresent()) {
                String hubName = request.hubName().get();
                Optional<Hub> hub = hubs.find(hubName);
                if (hub.isEmpty()) {
                    throw refused(request, client, SoftEtherError.HUB_NOT_FOUND, "no such hub");
                }
                principal = new AdminPrincipal.HubAdministrator(hub.get().name());
                stored = hub.get().adminPasswordHash().orElseThrow(() -> refused(request, client,
                        SoftEtherError.ACCESS_DENIED, "the hub has no administrator password"));
            } else {
                principal = new AdminPrincipal.ServerAdministrator();
                stored = HexFormat.of().parseHex(settings.get(AdminPasswordBootstrap.SETTING).orElseThrow(() ->
                        refused(request, client, SoftEtherError.ACCESS_DENIED, "no server administrator password is set")));
            }
        } catch (DatabaseException | JdbiException e) {
            log.warn("Admin login of the {} from {} failed: the database: {}", request.who(), client, e.getMessage());
            throw new LoginRefusedException(SoftEtherError.INTERNAL_ERROR, "the cluster database cannot be reached");
        }
        if (!SoftEtherPasswords.verify(stored, challenge, request.securePassword())) {
            throw refused(request, client, SoftEtherError.ACCESS_DENIED, "wrong password");
        }
        throttle.succeeded(client.getAddress());
        log.info("Admin login of the {} from {} (client '{}')", request.who(), client,
                ClientText.printable(request.clientString()));
        return new AdminConsoleSession(principal, client, functions);
    }

    private LoginRefusedException refused(AdminLoginRequest request, InetSocketAddress client, SoftEtherError error,
                                          String why) {
        Duration delay = throttle.failed(client.getAddress());
        log.warn("Admin login of the {} from {} refused: {} (answered after {} ms)", request.who(),
                client.getAddress().getHostAddress(), why, delay.toMillis());
        return new LoginRefusedException(error, "admin login of the " + request.who() + ": " + why, delay);
    }
}
