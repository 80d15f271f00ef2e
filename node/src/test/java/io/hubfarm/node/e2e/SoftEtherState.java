package io.hubfarm.node.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private set of the three state directories that Debian's SoftEther binaries have compiled in
 * (config, logs, pid/lock files). A program started through {@link #command} runs in its own mount
 * namespace with those paths bind-mounted here, which is what lets a server, two clients and every
 * vpncmd coexist on one machine; the bind mounts vanish with the process's mount namespace.
 */
public final class SoftEtherState {
    /** The compiled-in paths; they must exist as mount points (scripts/test creates them). */
    public static final List<Path> MOUNT_TARGETS =
            List.of(Path.of("/var/lib/softether"), Path.of("/var/log/softether"), Path.of("/run/softether"));
    private static final List<String> SUBDIRS = List.of("db", "log", "run");

    // Mounts then exec: the pid the lab holds becomes the SoftEther program's own.
    private static final String MOUNT_AND_EXEC = """
            d=$1; shift
            mount --bind "$d/db" /var/lib/softether &&
            mount --bind "$d/log" /var/log/softether &&
            mount --bind "$d/run" /run/softether &&
            exec "$@"
            """;

    private final Path dir;

    private SoftEtherState(Path dir) {
        this.dir = dir;
    }

    public static SoftEtherState create(Path dir) {
        try {
            for (Path target : MOUNT_TARGETS) {
                // What the package's systemd units would create; empty directories, left in place.
                Files.createDirectories(target);
            }
            for (String sub : SUBDIRS) {
                Files.createDirectories(dir.resolve(sub));
            }
        } catch (IOException e) {
            throw new LabException("cannot create SoftEther state directories under " + dir, e);
        }
        return new SoftEtherState(dir);
    }

    public Path dir() {
        return dir;
    }

    /** What the program sees as /var/lib/softether (vpn_server.config, vpn_client.config, lang.config). */
    public Path configDir() {
        return dir.resolve("db");
    }

    /** What the program sees as /var/log/softether. */
    public Path logDir() {
        return dir.resolve("log");
    }

    /** {@code command} run in a private mount namespace with the state directories bind-mounted. */
    public List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(List.of(
                "unshare", "--mount", "--propagation", "private", "--", "sh", "-c", MOUNT_AND_EXEC, "sh",
                dir.toString()));
        full.addAll(command);
        return full;
    }

    /** Removes the directories; only call once the program using them has exited. */
    public void delete() {
        try {
            VpnLab.deleteTree(dir);
        } catch (IOException e) {
            throw new LabException("cannot remove " + dir, e);
        }
    }
}
