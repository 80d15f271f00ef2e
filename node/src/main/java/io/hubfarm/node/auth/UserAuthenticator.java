package io.hubfarm.node.auth;

import io.hubfarm.node.protocol.softether.AuthType;
import io.hubfarm.node.protocol.softether.ClientText;
import io.hubfarm.node.protocol.softether.LoginRefusedException;
import io.hubfarm.node.protocol.softether.LoginRequest;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubUser;
import io.hubfarm.schema.hub.UserAuthType;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks a client's credentials against the hub's users (spec §3.3–3.4). Every failure is the same
 * error 9 to the client, whatever the reason, so that it cannot learn which user names exist; the
 * reason goes to the node's log only.
 */
public final class UserAuthenticator {
    static final String HUB_ADMINISTRATOR = "administrator";

    private final UserDirectory directory;

    public UserAuthenticator(UserDirectory directory) {
        this.directory = directory;
    }

    public AuthenticatedUser authenticate(Hub hub, LoginRequest login, byte[] challenge) {
        AuthType type = login.authType();
        if (type == AuthType.OPENVPN_CERTIFICATE || type == AuthType.TICKET) {
            // 98 exists only inside the real server's process; tickets are checked by the cluster intake.
            throw new LoginRefusedException(SoftEtherError.AUTHTYPE_NOT_SUPPORTED,
                    refusal(hub, login, "authtype " + type.code() + " is not accepted here"));
        }
        Optional<HubUser> user = directory.find(hub.id(), hub.name(), login.userName());
        if (user.isEmpty()) {
            if (login.userName().equalsIgnoreCase(HUB_ADMINISTRATOR) && hub.adminSecurePassword().isPresent()
                    && passwordMatches(hub.adminSecurePassword().get(), login, challenge)) {
                return new AuthenticatedUser(HUB_ADMINISTRATOR, true);
            }
            throw failed(hub, login, "no such user");
        }
        HubUser u = user.get();
        // As the real server: an anonymous user accepts any credentials (spec §3.3 note).
        if (u.authType() == UserAuthType.ANONYMOUS) {
            return new AuthenticatedUser(u.name(), false);
        }
        if (u.authType() != UserAuthType.PASSWORD || u.passwordHash().isEmpty()) {
            throw failed(hub, login, "user has no password");
        }
        if (type != AuthType.PASSWORD && type != AuthType.PLAIN_PASSWORD) {
            throw failed(hub, login, "password user tried authtype " + type.code());
        }
        if (!passwordMatches(u.passwordHash().get(), login, challenge)) {
            throw failed(hub, login, "wrong password");
        }
        return new AuthenticatedUser(u.name(), false);
    }

    private static boolean passwordMatches(byte[] storedHash, LoginRequest login, byte[] challenge) {
        return switch (login.authType()) {
            case PASSWORD -> SoftEtherPasswords.verify(storedHash, challenge, login.securePassword());
            case PLAIN_PASSWORD -> MessageDigest.isEqual(storedHash,
                    SoftEtherPasswords.userHash(login.userName(), login.plainPassword()));
            default -> false;
        };
    }

    private static LoginRefusedException failed(Hub hub, LoginRequest login, String why) {
        return new LoginRefusedException(SoftEtherError.AUTH_FAILED, refusal(hub, login, why));
    }

    private static String refusal(Hub hub, LoginRequest login, String why) {
        return "hub '" + hub.name() + "', user '" + ClientText.printable(login.userName()) + "': " + why;
    }
}
