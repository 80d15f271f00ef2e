package io.hubfarm.node.client;

import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.node.protocol.pack.PackBuilder;
import io.hubfarm.node.protocol.softether.AuthType;

/** How the client proves who it is (spec §3.3). The password never leaves the client in clear unless {@link #plainPassword} is chosen. */
public sealed interface ClientCredentials {
    AuthType authType();

    /** Adds the authtype and its fields to a login PACK for this hello challenge. */
    void addTo(PackBuilder login, String userName, byte[] challenge);

    static ClientCredentials password(String password) {
        return new Password(password);
    }

    static ClientCredentials plainPassword(String password) {
        return new PlainPassword(password);
    }

    static ClientCredentials anonymous() {
        return new Anonymous();
    }

    static ClientCredentials ticket(byte[] ticket) {
        return new Ticket(ticket.clone());
    }

    record Password(String password) implements ClientCredentials {
        public AuthType authType() {
            return AuthType.PASSWORD;
        }

        public void addTo(PackBuilder login, String userName, byte[] challenge) {
            login.putInt("authtype", AuthType.PASSWORD.code()).putData("secure_password",
                    SoftEtherPasswords.proof(SoftEtherPasswords.userHash(userName, password), challenge));
        }

        @Override
        public String toString() {
            return "Password[****]";
        }
    }

    record PlainPassword(String password) implements ClientCredentials {
        public AuthType authType() {
            return AuthType.PLAIN_PASSWORD;
        }

        public void addTo(PackBuilder login, String userName, byte[] challenge) {
            login.putInt("authtype", AuthType.PLAIN_PASSWORD.code()).putStr("plain_password", password);
        }

        @Override
        public String toString() {
            return "PlainPassword[****]";
        }
    }

    record Anonymous() implements ClientCredentials {
        public AuthType authType() {
            return AuthType.ANONYMOUS;
        }

        public void addTo(PackBuilder login, String userName, byte[] challenge) {
            login.putInt("authtype", AuthType.ANONYMOUS.code());
        }
    }

    record Ticket(byte[] ticket) implements ClientCredentials {
        public AuthType authType() {
            return AuthType.TICKET;
        }

        public void addTo(PackBuilder login, String userName, byte[] challenge) {
            login.putInt("authtype", AuthType.TICKET.code()).putData("ticket", ticket);
        }

        @Override
        public String toString() {
            return "Ticket[****]";
        }
    }
}
