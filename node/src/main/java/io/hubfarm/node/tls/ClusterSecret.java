package io.hubfarm.node.tls;

import io.hubfarm.node.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The secret that seals the cluster's private keys in the database: 32 random bytes in a one-line
 * base64 file (mode 0600) that every node of the cluster is given and that never enters the
 * database. Anyone with the database but without this file cannot use the cluster's keys.
 */
public final class ClusterSecret {
    static final int LENGTH = 32;
    private final byte[] key;
    private final Path file;

    private ClusterSecret(byte[] key, Path file) {
        this.key = key;
        this.file = file;
    }

    public Path file() {
        return file;
    }

    byte[] bytes() {
        return key.clone();
    }

    public static ClusterSecret load(Path file) {
        String text;
        try {
            if (Files.size(file) > 1024) {
                throw new ConfigException("cluster secret file " + file + " is too large to be one");
            }
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new ConfigException("cannot read the cluster secret file " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("cluster secret file " + file + " is not one line of base64");
        }
        if (key.length != LENGTH) {
            Arrays.fill(key, (byte) 0);
            throw new ConfigException("cluster secret file " + file + " holds " + key.length + " bytes, not " + LENGTH);
        }
        return new ClusterSecret(key, file);
    }

    /** Writes a new secret; refuses to replace an existing file (that would orphan the cluster's keys). */
    public static ClusterSecret generate(Path file) {
        byte[] key = new byte[LENGTH];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".cluster-secret", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                // A hard link appears complete or not at all, and never replaces an existing file.
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                throw new ConfigException("cluster secret file " + file + " already exists");
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot write the cluster secret file " + file + ": " + e.getMessage());
        }
        return new ClusterSecret(key, file);
    }

    @Override
    public String toString() {
        return "ClusterSecret[" + file + "]";
    }
}
