package io.hubfarm.node.e2e;

import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One AccountStatusGet of the real vpnclient: the parsed Item|Value rows and the raw text, which
 * goes into failure messages. Row names are the client's English ones ("Session Status", "Number of
 * TCP Connections", "Use of Compression"...).
 */
public record AccountStatus(String account, Map<String, String> items, String raw) {
    private static final Pattern LEADING_INT = Pattern.compile("^(\\d+)");

    public AccountStatus {
        items = Map.copyOf(items);
    }

    public static AccountStatus parse(String account, String vpncmdOutput) {
        return new AccountStatus(account, VpncmdTable.items(vpncmdOutput), vpncmdOutput);
    }

    /** The row's value, or "" when the client did not print it (e.g. while connecting). */
    public String get(String item) {
        return items.getOrDefault(item, "");
    }

    /** e.g. "Connection Completed (Session Established)", "Retrying", "Connecting". */
    public String sessionStatus() {
        return get("Session Status");
    }

    public boolean established() {
        return sessionStatus().contains("Session Established");
    }

    /** "Session Name", the server's name for the session (e.g. "SID-ALICE-3"), as its SessionList shows it. */
    public String sessionName() {
        return get("Session Name");
    }

    /** "Number of TCP Connections": how many TCP connections the session uses now. */
    public OptionalInt tcpConnections() {
        return leadingInt(get("Number of TCP Connections"));
    }

    /** "Maximum Number of TCP Connections": the max_connection the server granted. */
    public OptionalInt maxTcpConnections() {
        return leadingInt(get("Maximum Number of TCP Connections"));
    }

    /** "Use of Compression" reads "Yes (9 %)" when on, "No (No Compression)" when off. */
    public boolean compressed() {
        return get("Use of Compression").startsWith("Yes");
    }

    private static OptionalInt leadingInt(String value) {
        Matcher m = LEADING_INT.matcher(value);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    @Override
    public String toString() {
        return "status of account " + account + ":\n" + raw;
    }
}
