package io.hubfarm.node.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a finished (or killed) command left behind. {@link #describe()} is what goes into failure
 * messages; it never shows a {@code /PASSWORD:} value.
 */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut,
                            Duration elapsed) {
    public ProcessResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** stdout followed by stderr. */
    public String output() {
        return stderr.isEmpty() ? stdout : stdout + stderr;
    }

    public ProcessResult requireSuccess() {
        if (!succeeded()) {
            throw new LabException("command failed: " + describe());
        }
        return this;
    }

    public String describe() {
        String outcome = timedOut ? "killed after " + elapsed.toMillis() + " ms (timeout)"
                : "exit " + exitCode + " after " + elapsed.toMillis() + " ms";
        return redacted(command) + "\n  " + outcome + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }

    /** The command as one line, with secrets passed as vpncmd options masked. */
    public static String redacted(List<String> command) {
        return command.stream().map(ProcessResult::redact).collect(Collectors.joining(" "));
    }

    private static String redact(String arg) {
        int colon = arg.indexOf(':');
        if (colon > 0 && arg.substring(0, colon).toUpperCase(Locale.ROOT).equals("/PASSWORD")) {
            return arg.substring(0, colon + 1) + "***";
        }
        return arg;
    }
}
