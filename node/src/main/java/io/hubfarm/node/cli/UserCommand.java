package io.hubfarm.node.cli;

import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.schema.Database;
import io.hubfarm.schema.hub.HubUser;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.hub.NewHubUser;
import io.hubfarm.schema.hub.UserAuthType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bouncycastle.crypto.digests.MD4Digest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "user", description = "Manage a hub's users (works with or without a running node).",
        subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Delete.class,
                UserCommand.SetPassword.class})
public final class UserCommand {

    static final class AuthChoice {
        @Option(names = "--password-file", paramLabel = "FILE", required = true,
                description = "file holding the user's password (one trailing newline is ignored)")
        Path passwordFile;

        @Option(names = "--anonymous", required = true, description = "the user logs in with any credentials")
        boolean anonymous;
    }

    @Command(name = "create", description = "Create a user with a password or as anonymous.")
    static final class Create extends OneUser {
        @ArgGroup(exclusive = true, multiplicity = "1")
        AuthChoice auth;
        @Option(names = "--real-name", paramLabel = "TEXT", defaultValue = "", description = "the user's full name")
        String realName;
        @Option(names = "--note", paramLabel = "TEXT", defaultValue = "", description = "a note for administrators")
        String note;
        @Option(names = "--group", paramLabel = "GROUP", defaultValue = "", description = "the user's group name")
        String group;

        @Override
        public Integer call() {
            CliArguments.userName(user);
            NewHubUser newUser;
            if (auth.anonymous) {
                newUser = new NewHubUser(user, UserAuthType.ANONYMOUS, Optional.empty(), Optional.empty(), realName,
                        note, group);
            } else {
                String password = PasswordFile.read(auth.passwordFile, "--password-file");
                newUser = new NewHubUser(user, UserAuthType.PASSWORD,
                        Optional.of(SoftEtherPasswords.userHash(user, password)), Optional.of(ntHash(password)),
                        realName, note, group);
            }
            try (Database db = DbCommand.openMigrated(database)) {
                CliAudit.change(db, "user.create", hub + "/" + user, auth.anonymous ? "anonymous" : "password",
                        () -> new HubUserRepository(db.jdbi()).create(hub, newUser));
            }
            spec.commandLine().getOut().println("Created user '" + user + "' on hub '" + hub + "'.");
            return 0;
        }
    }

    @Command(name = "list", description = "List a hub's users.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "HUB")
        String hub;

        @Override
        public Integer call() {
            TextTable table = new TextTable("NAME", "AUTH", "REAL-NAME", "GROUP", "LOGINS", "CREATED");
            try (Database db = DbCommand.openMigrated(database)) {
                for (HubUser u : new HubUserRepository(db.jdbi()).list(hub)) {
                    table.row(u.name(), u.authType().name().toLowerCase(Locale.ROOT), u.realName(), u.groupName(), u.loginCount(),
                            TextTable.time(u.createdAt()));
                }
            }
            table.print(spec.commandLine().getOut());
            return 0;
        }
    }

    /** The options of every command that acts on one user of one hub. */
    abstract static class OneUser implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "HUB", description = "the hub")
        String hub;
        @Parameters(index = "1", paramLabel = "USER", description = "the user name")
        String user;
    }

    @Command(name = "delete", description = "Delete a user.")
    static final class Delete extends OneUser {
        @Override
        public Integer call() {
            try (Database db = DbCommand.openMigrated(database)) {
                CliAudit.change(db, "user.delete", hub + "/" + user, "",
                        () -> new HubUserRepository(db.jdbi()).delete(hub, user));
            }
            spec.commandLine().getOut().println("Deleted user '" + user + "' from hub '" + hub + "'.");
            return 0;
        }
    }

    @Command(name = "set-password", description = "Give a user a new password (an anonymous user becomes a password user).")
    static final class SetPassword extends OneUser {
        @Option(names = "--password-file", paramLabel = "FILE", required = true,
                description = "file holding the new password (one trailing newline is ignored)")
        Path passwordFile;

        @Override
        public Integer call() {
            String password = PasswordFile.read(passwordFile, "--password-file");
            try (Database db = DbCommand.openMigrated(database)) {
                HubUserRepository users = new HubUserRepository(db.jdbi());
                CliAudit.change(db, "user.set-password", hub + "/" + user, "", () -> {
                    // The hash covers the user name as stored, whatever case the operator typed.
                    String stored = users.find(hub, user).map(HubUser::name).orElse(user);
                    users.setPassword(hub, user, SoftEtherPasswords.userHash(stored, password), ntHash(password));
                });
            }
            spec.commandLine().getOut().println("Password of '" + user + "' on hub '" + hub + "' changed.");
            return 0;
        }
    }

    /** MD4 of the UTF-16LE password: kept for MS-CHAPv2 based protocols (spec §3.4). */
    static byte[] ntHash(String password) {
        byte[] utf16 = password.getBytes(StandardCharsets.UTF_16LE);
        MD4Digest md4 = new MD4Digest();
        md4.update(utf16, 0, utf16.length);
        byte[] out = new byte[16];
        md4.doFinal(out, 0);
        return out;
    }
}
