package io.hubfarm.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the controller sends RFC 2136 updates of the cluster name: an external primary server, the zone
 * it holds, and the TSIG key (name, algorithm, and a file with the base64 secret, as BIND's
 * {@code tsig-keygen} prints it, on every node that may become controller).
 */
public record DnsUpdateTarget(String serverHost, int serverPort, DnsName zone, DnsName keyName, String algorithm,
                              Path secretFile) {
    public static final String SERVER = "dns.update.server";
    public static final String ZONE = "dns.update.zone";
    public static final String KEY_NAME = "dns.update.key-name";
    public static final String ALGORITHM = "dns.update.algorithm";
    public static final String SECRET_FILE = "dns.update.secret-file";
    public static final List<String> KEYS = List.of(SERVER, ZONE, KEY_NAME, ALGORITHM, SECRET_FILE);
    static final String DEFAULT_ALGORITHM = "hmac-sha256";
    static final List<String> ALGORITHMS = List.of("hmac-sha256", "hmac-sha384", "hmac-sha512", "hmac-sha224",
            "hmac-sha1");
    private static final int DNS_PORT = 53;

    /**
     * The target from the stored settings; empty while {@value #SERVER} is not set (no updates are sent).
     *
     * @param dns the cluster name's settings: the update zone defaults to their zone
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static Optional<DnsUpdateTarget> from(Map<String, String> stored, DnsSettings dns) {
        String server = stored.getOrDefault(SERVER, "").trim();
        if (server.isEmpty()) {
            return Optional.empty();
        }
        String host = server;
        int port = DNS_PORT;
        int colon = server.lastIndexOf(':');
        if (colon > 0 && (server.indexOf(':') == colon || server.startsWith("["))) {
            host = server.substring(0, colon);
            try {
                port = Integer.parseInt(server.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SERVER + " '" + server + "': the port is not a number");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String zoneText = stored.getOrDefault(ZONE, "").trim();
        DnsName zone = zoneText.isEmpty() ? dns.zone() : name(ZONE, zoneText);
        if (!dns.clusterName().isWithin(zone)) {
            throw new IllegalArgumentException(ZONE + " " + zone + " does not hold the cluster name " + dns.clusterName());
        }
        String keyText = stored.getOrDefault(KEY_NAME, "").trim();
        if (keyText.isEmpty()) {
            throw new IllegalArgumentException(KEY_NAME + " is required with " + SERVER + " (updates are signed with TSIG)");
        }
        String algorithm = stored.getOrDefault(ALGORITHM, DEFAULT_ALGORITHM).trim().toLowerCase(Locale.ROOT);
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException(ALGORITHM + " '" + algorithm + "': one of " + ALGORITHMS);
        }
        String secret = stored.getOrDefault(SECRET_FILE, "").trim();
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(SECRET_FILE + " is required with " + SERVER);
        }
        return Optional.of(new DnsUpdateTarget(host, port, zone, name(KEY_NAME, keyText), algorithm, Path.of(secret)));
    }

    public InetSocketAddress server() {
        return new InetSocketAddress(serverHost, serverPort);
    }

    /** The key's secret, read now (the file may be replaced while the node runs). */
    public byte[] secret() {
        try {
            String text = Files.readString(secretFile, StandardCharsets.US_ASCII).trim();
            return Base64.getDecoder().decode(text);
        } catch (IOException e) {
            throw new DnsUpdateException("cannot read the TSIG secret " + secretFile + " (" + SECRET_FILE + "): "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DnsUpdateException("the TSIG secret in " + secretFile + " (" + SECRET_FILE + ") is not base64", e);
        }
    }

    private static DnsName name(String key, String value) {
        try {
            return DnsName.of(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }
}
