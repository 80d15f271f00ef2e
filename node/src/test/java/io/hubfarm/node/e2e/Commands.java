package io.hubfarm.node.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command to its end, never hanging: stdin is at EOF from the start (vpncmd prompts, and
 * spins, when it is not), there is a hard timeout after which the process is killed, and its output
 * is captured up to a bound.
 */
public final class Commands {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int OUTPUT_LIMIT = 4 << 20;
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private Commands() {
    }

    public static ProcessResult run(String... command) {
        return run(DEFAULT_TIMEOUT, List.of(command));
    }

    public static ProcessResult run(Duration timeout, List<String> command) {
        long start = Deadline.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new LabException("cannot start " + ProcessResult.redacted(command) + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the process may already be gone; its result says what happened
        }
        Capture out = Capture.of(process.getInputStream());
        Capture err = Capture.of(process.getErrorStream());
        boolean finished = waitFor(process, timeout);
        if (!finished) {
            process.destroyForcibly();
            waitFor(process, DRAIN);
        }
        int exit = finished ? process.exitValue() : -1;
        return new ProcessResult(command, exit, out.text(), err.text(), !finished, Deadline.since(start));
    }

    static boolean waitFor(Process process, Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for " + process.pid(), e);
        }
    }

    /** Reads a stream on a virtual thread into a bounded buffer; whatever arrives past the bound is dropped. */
    private static final class Capture {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread reader;

        private Capture(InputStream in) {
            reader = Thread.ofVirtual().start(() -> drain(in));
        }

        static Capture of(InputStream in) {
            return new Capture(in);
        }

        private void drain(InputStream in) {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (buffer) {
                        int room = OUTPUT_LIMIT - buffer.size();
                        buffer.write(chunk, 0, Math.min(n, Math.max(room, 0)));
                    }
                }
            } catch (IOException e) {
                // the pipe closed under us: keep what was read
            }
        }

        /** The text read so far; waits a little for the end of the stream (a killed child may leave the pipe open). */
        String text() {
            try {
                reader.join(DRAIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
