package io.hubfarm.node.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The summary of one {@code ping -c N} run; {@link #success()} means every echo was answered. */
public record PingResult(int transmitted, int received, double lossPercent, String output) {
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) packets transmitted, (\\d+) received.*?([\\d.]+)% packet loss");

    private static final Pattern RTT = Pattern.compile("= ([\\d.]+)/([\\d.]+)/([\\d.]+)/([\\d.]+) ms");

    /** Round-trip times in milliseconds, from ping's "rtt min/avg/max/mdev" line. */
    public record Rtt(double min, double avg, double max) {
        @Override
        public String toString() {
            return String.format("%.2f / %.2f / %.2f ms", min, avg, max);
        }
    }

    public boolean success() {
        return transmitted > 0 && received == transmitted;
    }

    /** The summary's round-trip times; fails when no echo was answered. */
    public Rtt rtt() {
        Matcher m = RTT.matcher(output);
        if (!m.find()) {
            throw new LabException("no rtt line in ping output:\n" + output);
        }
        return new Rtt(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
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
