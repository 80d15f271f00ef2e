package io.hubfarm.node.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A real {@code hubfarm} process started from the fat jar, with its output captured in files. */
public final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private NodeProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static NodeProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        String jar = System.getProperty("hubfarm.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("hubfarm.jar not built (run through mvn verify): " + jar);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar));
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HUBFARM_"));
        pb.environment().putAll(env);
        return new NodeProcess(pb.start(), out, err);
    }

    /** Runs a one-shot command to its end. */
    public static NodeProcess run(Path workDir, String... args) throws IOException, InterruptedException {
        NodeProcess p = start(workDir, Map.of(), args);
        if (!p.process.waitFor(60, TimeUnit.SECONDS)) {
            p.process.destroyForcibly();
            throw new IllegalStateException("command did not finish: " + String.join(" ", args));
        }
        return p;
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    public int exitStatus() {
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (kill -9), and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node survived SIGKILL for 10 s");
        }
    }

    /** SIGTERM, then waits for the exit. */
    public int terminate(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("node did not stop within " + within + "; stderr: " + stderr());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** Waits for a condition with a deadline; fails with the process's stderr if it never holds. */
    public void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what + "; stderr:\n" + stderr());
            }
            if (!process.isAlive() && !condition.getAsBoolean()) {
                throw new AssertionError("node exited (" + process.exitValue() + ") before " + what + "; stderr:\n" + stderr());
            }
            Thread.sleep(50);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
