package io.hubfarm.node.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * A long-running process of the lab (a server, a client, a traffic sink) with stdout and stderr in a
 * log file. Every wrapper in its command line execs, so {@link #pid()} is the program itself and a
 * SIGTERM reaches it directly.
 */
public final class LabProcess {
    private final String name;
    private final List<String> command;
    private final Process process;
    private final Path logFile;

    private LabProcess(String name, List<String> command, Process process, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.process = process;
        this.logFile = logFile;
    }

    public static LabProcess start(String name, List<String> command, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            process.getOutputStream().close();
            return new LabProcess(name, command, process, logFile);
        } catch (IOException e) {
            throw new LabException("cannot start " + name + ": " + ProcessResult.redacted(command), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public Path logFile() {
        return logFile;
    }

    /** The whole log as text (undecodable bytes replaced). */
    public String log() {
        return new String(logBytes(), StandardCharsets.UTF_8);
    }

    /** The log from a byte offset on, so callers can look only at what came after an action. */
    public String logSince(long offset) {
        byte[] bytes = logBytes();
        int from = (int) Math.min(Math.max(offset, 0), bytes.length);
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }

    private byte[] logBytes() {
        try {
            return Files.readAllBytes(logFile);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    public long logSize() {
        try {
            return Files.size(logFile);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last lines of the log, for failure messages. */
    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Asks the process to end (SIGTERM) without waiting. */
    public void signalStop() {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    /** SIGKILL (kill -9); returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        if (!awaitExit(Duration.ofSeconds(10))) {
            throw new LabException(name + " (pid " + pid() + ") survived SIGKILL");
        }
    }

    public boolean awaitExit(Duration within) {
        return Commands.waitFor(process, within);
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}; returns once it is gone. */
    public void stop(Duration grace) {
        signalStop();
        if (!awaitExit(grace)) {
            process.destroyForcibly();
            if (!awaitExit(Duration.ofSeconds(10))) {
                throw new LabException(name + " (pid " + pid() + ") survived SIGKILL");
            }
        }
    }

    /** Fails with the log tail if the process has already exited; used while waiting for it to get ready. */
    public void requireAlive(String during) {
        if (!process.isAlive()) {
            throw new LabException(name + " exited with " + process.exitValue() + " during " + during
                    + "\ncommand: " + ProcessResult.redacted(command) + "\n--- log tail\n" + logTail(30));
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
