package io.hubfarm.node.config;

import java.util.ArrayList;
import java.util.List;

/** One {@code HOST:PORT}, IPv6 hosts in brackets ({@code [::1]:5555}). */
public record HostPort(String host, int port) {

    public static List<HostPort> parseList(String value, Setting setting) {
        List<HostPort> list = new ArrayList<>();
        for (String part : value.split(",")) {
            list.add(parse(part.strip(), setting));
        }
        return List.copyOf(list);
    }

    static HostPort parse(String text, Setting setting) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw invalid(text, setting, "expected HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw invalid(text, setting, "write an IPv6 address in brackets, e.g. [::1]:5555");
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9.\\-:]+")) {
            throw invalid(text, setting, "'" + host + "' is not a host name or IP address");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(text, setting, "the port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw invalid(text, setting, "the port must be from 1 to 65535");
        }
        return new HostPort(host, port);
    }

    private static ConfigException invalid(String text, Setting setting, String why) {
        return new ConfigException("invalid address '" + text + "' for " + setting.names() + ": " + why);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
