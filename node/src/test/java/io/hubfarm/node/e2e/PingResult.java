package io.hubfarm.node.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The summary of one {@code ping -c N} run; {@link #success()} means every echo was answered. */
public record PingResult(int transmitted, int received, double lossPercent, String output) {
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) packets transmitted, (\\d+) received.*?([\\d.]+)% packet loss");

    public boolean success() {
        return transmitted > 0 && received == transmitted;
    }

    /** Parses iputils ping output; no summary line (e.g. "Network is unreachable") reads as 0 of 0, 100 % loss. */
    public static PingResult parse(String output) {
        Matcher m = SUMMARY.matcher(output);
        if (!m.find()) {
            return new PingResult(0, 0, 100.0, output);
        }
        return new PingResult(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Double.parseDouble(m.group(3)), output);
    }
}
