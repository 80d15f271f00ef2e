package io.hubfarm.node.e2e;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An iperf3 run as its client reports it with {@code -J}: the end summary's {@code sum_sent} and
 * {@code sum_received} (the latter is the server side's count, sent back to the client).
 */
public record Throughput(double sentBitsPerSecond, double receivedBitsPerSecond, long bytesReceived, long retransmits,
                         String json) {
    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9.eE+-]*");

    /** Parses iperf3 3.x client JSON; fails with the iperf3 "error" text when the run failed. */
    public static Throughput parseIperf3Json(String json) {
        String sent = section(json, "sum_sent");
        String received = section(json, "sum_received");
        if (sent == null || received == null) {
            throw new LabException("no iperf3 end summary in:\n" + json);
        }
        return new Throughput(
                number(sent, "bits_per_second").orElseThrow(),
                number(received, "bits_per_second").orElseThrow(),
                (long) number(received, "bytes").orElseThrow(),
                (long) number(sent, "retransmits").orElse(0),
                json);
    }

    /** The flat object after {@code "name":} (iperf3's summary objects hold no nested objects). */
    private static String section(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\\{([^{}]*)}").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static OptionalDouble number(String section, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(" + NUMBER.pattern() + ")").matcher(section);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    @Override
    public String toString() {
        return String.format("%.1f Mbit/s received (%.1f Mbit/s sent, %d retransmits)",
                receivedBitsPerSecond / 1e6, sentBitsPerSecond / 1e6, retransmits);
    }
}
