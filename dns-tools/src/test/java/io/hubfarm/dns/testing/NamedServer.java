package io.hubfarm.dns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * BIND's {@code named} (Debian's bind9) as the external primary server of a test zone that accepts
 * RFC 2136 updates signed with a fresh TSIG key. Started in the foreground in its own directory, optionally
 * inside a network namespace ({@code prefix}, e.g. {@code ip netns exec NS}), and asked with {@code dig}.
 */
public final class NamedServer implements AutoCloseable {
    public static final Path NAMED = Path.of("/usr/sbin/named");
    public static final String KEY_NAME = "hubfarm-update";
    private static final Duration START = Duration.ofSeconds(20);

    private final Path dir;
    private final String address;
    private final int port;
    private final List<String> prefix;
    private final Process process;

    private NamedServer(Path dir, String address, int port, List<String> prefix, Process process) {
        this.dir = dir;
        this.address = address;
        this.port = port;
        this.prefix = prefix;
        this.process = process;
    }

    public static boolean installed() {
        return Files.isExecutable(NAMED) && Files.isExecutable(Path.of("/usr/bin/dig"));
    }

    /** Serves {@code zone} on {@code address:port}; the TSIG secret is in {@link #secretFile()}. */
    public static NamedServer start(Path dir, String address, int port, String zone, List<String> prefix) {
        try {
            Files.createDirectories(dir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String secret = Base64.getEncoder().encodeToString(key);
            Files.writeString(dir.resolve("update.key"), secret + "\n");
            Files.writeString(dir.resolve("named.conf"), """
                    options {
                        directory "%1$s"; pid-file "%1$s/named.pid";
                        listen-on port %2$d { %3$s; }; listen-on-v6 { none; };
                        recursion no; dnssec-validation no;
                    };
                    key "%4$s" { algorithm hmac-sha256; secret "%5$s"; };
                    zone "%6$s" { type primary; file "%1$s/zone.db"; allow-update { key "%4$s"; }; };
                    """.formatted(dir, port, address, KEY_NAME, secret, zone));
            Files.writeString(dir.resolve("zone.db"), """
                    $TTL 60
                    @ IN SOA ns.%1$s. hostmaster.%1$s. 1 3600 600 86400 60
                    @ IN NS ns.%1$s.
                    ns IN A 127.0.0.1
                    """.formatted(zone));
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of(NAMED.toString(), "-g", "-n", "1", "-c", dir.resolve("named.conf").toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("named.log").toFile()).start();
            NamedServer named = new NamedServer(dir, address, port, prefix, process);
            named.awaitServing(zone);
            return named;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path secretFile() {
        return dir.resolve("update.key");
    }

    public String server() {
        return address + ":" + port;
    }

    /** {@code dig +short} against this server. */
    public List<String> ask(String name, String type) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("dig", "@" + address, "-p", String.valueOf(port), name, type, "+short", "+time=2",
                "+tries=1"));
        try {
            Process dig = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!dig.waitFor(10, TimeUnit.SECONDS) || dig.exitValue() != 0) {
                throw new IllegalStateException("dig failed: " + out);
            }
            return out.lines().map(String::trim).filter(l -> !l.isEmpty()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("named.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitServing(String zone) {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("named exited: " + log());
            }
            try {
                if (!ask(zone, "SOA").isEmpty()) {
                    return;
                }
            } catch (IllegalStateException e) {
                // not listening yet; dig waits up to its own timeout, which paces this loop
            }
        }
        close();
        throw new IllegalStateException("named did not serve " + zone + " within " + START.toSeconds() + " s: " + log());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
