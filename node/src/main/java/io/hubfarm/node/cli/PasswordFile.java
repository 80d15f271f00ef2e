package io.hubfarm.node.cli;

import io.hubfarm.node.config.ConfigException;
import io.hubfarm.node.config.NodeConfig;
import java.nio.file.Path;

/** Passwords reach the CLI in files, never on the command line (where every user's `ps` shows them). */
final class PasswordFile {
    private PasswordFile() {
    }

    static String read(Path file, String option) {
        String password = NodeConfig.readSecret(file, option);
        if (password.isEmpty()) {
            throw new ConfigException("the password in " + file + " (" + option + ") is empty; an empty password "
                    + "would let anyone in: use --anonymous for a user that needs none");
        }
        return password;
    }
}
