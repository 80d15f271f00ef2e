package io.hubfarm.node.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ip} to make and remove the interfaces a device test needs, in the test JVM's own namespace. */
final class LinkCommands implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final List<String> created = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();

    /** A name no other run uses: {@code prefix} plus five random characters (keep prefix ≤ 6 for TAPs). */
    static String uniqueName(String prefix) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < 5; i++) {
            name.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return name.toString();
    }

    /** A veth pair, both ends up; deleted again by {@link #close()}. */
    void vethPair(String a, String b) {
        run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
        created.add(a);
        run("ip", "link", "set", a, "up");
        run("ip", "link", "set", b, "up");
    }

    /** A network namespace holding one end of a new veth pair, addressed and up; the other end stays here, up. */
    void namespaceBehind(String namespace, String here, String there, String addressWithPrefix) {
        run("ip", "netns", "add", namespace);
        namespaces.add(namespace);
        vethPair(here, there);
        run("ip", "link", "set", there, "netns", namespace);
        run("ip", "-n", namespace, "addr", "add", addressWithPrefix, "dev", there);
        run("ip", "-n", namespace, "link", "set", there, "up");
        run("ip", "-n", namespace, "link", "set", "lo", "up");
    }

    static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IllegalStateException ignored) {
            // Already gone.
        }
    }

    @Override
    public void close() {
        created.forEach(name -> runQuietly("ip", "link", "del", name));
        namespaces.forEach(name -> runQuietly("ip", "netns", "del", name));
    }
}
