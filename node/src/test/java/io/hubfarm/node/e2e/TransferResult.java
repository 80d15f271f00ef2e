package io.hubfarm.node.e2e;

import java.time.Duration;

/**
 * One TCP transfer between namespaces: how much was sent, how much arrived, whether the SHA-256 of
 * what arrived equals that of what was sent, and how long the sender took.
 */
public record TransferResult(long bytesSent, long bytesReceived, boolean contentMatches, Duration elapsed) {
    public boolean complete() {
        return bytesReceived == bytesSent && contentMatches;
    }

    public double bitsPerSecond() {
        return elapsed.isZero() ? 0 : bytesReceived * 8.0 / (elapsed.toNanos() / 1e9);
    }
}
