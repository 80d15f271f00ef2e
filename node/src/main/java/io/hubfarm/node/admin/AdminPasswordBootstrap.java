package io.hubfarm.node.admin;

import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.node.config.NodeConfig;
import io.hubfarm.node.config.Setting;
import io.hubfarm.schema.cluster.ClusterSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the server administrator password the first time a node meets a new database. The password
 * comes from HUBFARM_ADMIN_PASSWORD or the admin password file; otherwise one is generated, printed
 * once and written to the data directory with mode 0600. Only SoftEther's SHA-0 hash is stored
 * (vpncmd proves knowledge of exactly that hash). Of several nodes starting on one new database,
 * only the first writer's password is kept.
 */
public final class AdminPasswordBootstrap {
    public static final String SETTING = "server.admin-password-sha0";
    public static final String FILE_NAME = "admin-password";
    private static final Logger log = LoggerFactory.getLogger(AdminPasswordBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private AdminPasswordBootstrap() {
    }

    /** Returns true if this call set the password (the database was new). */
    public static boolean ensure(ClusterSettings settings, NodeConfig config, Optional<String> fromEnvironment,
                                 PrintStream out) {
        if (settings.get(SETTING).isPresent()) {
            return false;
        }
        Optional<String> given = fromEnvironment.filter(p -> !p.isEmpty())
                .or(() -> config.adminPasswordFile().map(f -> NodeConfig.readSecret(f, Setting.ADMIN_PASSWORD_FILE)));
        String password = given.orElseGet(AdminPasswordBootstrap::generate);
        String hash = HexFormat.of().formatHex(SoftEtherPasswords.adminHash(password));
        if (!settings.putIfAbsent(SETTING, hash)) {
            return false;
        }
        if (given.isPresent()) {
            log.info("Server administrator password set from {}", fromEnvironment.isPresent()
                    ? "HUBFARM_ADMIN_PASSWORD" : Setting.ADMIN_PASSWORD_FILE.option());
        } else {
            // Shown before the file is written: the hash is already stored, so if the write fails
            // (full disk, permissions) the operator must still learn the password.
            Path file = config.dataDir().resolve(FILE_NAME);
            out.println("Server administrator password (shown once, also in " + file + "): " + password);
            out.flush();
            writePrivate(file, password + "\n");
        }
        return true;
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** Written to a 0600 temporary file and moved into place, so the secret is never world-readable. */
    static void writePrivate(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".admin-password", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
