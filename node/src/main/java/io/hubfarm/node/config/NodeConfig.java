package io.hubfarm.node.config;

import io.hubfarm.node.tls.ServerTls;
import io.hubfarm.schema.DatabaseException;
import io.hubfarm.schema.JdbcUrl;
import io.hubfarm.schema.Names;
import io.hubfarm.schema.cluster.NodeRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A node's validated local configuration. Built once at start from the merged settings; every
 * problem is reported with the setting's names so the operator can find where it was set.
 *
 * @param dbUrl        the shared database, or empty to run the embedded one
 * @param dbPassword   read from the password file; never logged
 * @param publicHost   the host clients are redirected to, or empty to let the cluster use the listen host
 * @param clusterSecretFile the file sealing the cluster's keys, or empty for {@code <data-dir>/cluster-secret}
 * @param dnsListen    where this node answers DNS for the cluster name, or empty for no responder
 * @param tlsEngine    the listeners' TLS implementation
 */
public record NodeConfig(Optional<JdbcUrl> dbUrl, String dbUser, String dbPassword, String name,
                         List<HostPort> listen, Optional<String> publicHost, List<Integer> publicPorts, int weight,
                         boolean controllerOnly, Path dataDir, Optional<Path> adminPasswordFile, int embeddedDbPort,
                         Optional<Path> clusterSecretFile, Optional<HostPort> dnsListen,
                         ServerTls.Engine tlsEngine) {

    public static NodeConfig from(SettingValues values, String defaultName) {
        Optional<JdbcUrl> url = values.get(Setting.DB_URL).map(u -> {
            try {
                return JdbcUrl.parse(u);
            } catch (DatabaseException e) {
                throw new ConfigException(e.getMessage() + " (" + Setting.DB_URL.names() + ")");
            }
        });
        String password = values.get(Setting.DB_PASSWORD_FILE).map(f -> readSecret(Path.of(f), Setting.DB_PASSWORD_FILE))
                .or(() -> Optional.ofNullable(System.getenv("HUBFARM_DB_PASSWORD")))
                .orElse("");
        String name = values.get(Setting.NAME).orElse(defaultName);
        try {
            Names.node(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + " (" + Setting.NAME.names() + ")");
        }
        List<HostPort> listen = HostPort.parseList(values.require(Setting.LISTEN), Setting.LISTEN);
        Optional<String> publicHost = Optional.empty();
        List<Integer> publicPorts = listen.stream().map(HostPort::port).distinct().toList();
        Optional<String> publicAddress = values.get(Setting.PUBLIC_ADDRESS);
        if (publicAddress.isPresent()) {
            List<HostPort> pub = HostPort.parseList(publicAddress.get(), Setting.PUBLIC_ADDRESS);
            if (pub.stream().map(HostPort::host).distinct().count() > 1) {
                throw new ConfigException("invalid value for " + Setting.PUBLIC_ADDRESS.names()
                        + ": all public addresses must share one host (SoftEther redirects to one address with a port list)");
            }
            publicHost = Optional.of(pub.getFirst().host());
            publicPorts = pub.stream().map(HostPort::port).distinct().toList();
        }
        int weight = integer(values, Setting.WEIGHT, 1, NodeRepository.MAX_WEIGHT);
        boolean controllerOnly = bool(values, Setting.CONTROLLER_ONLY);
        Path dataDir = Path.of(values.require(Setting.DATA_DIR)).toAbsolutePath().normalize();
        Optional<Path> adminPasswordFile = values.get(Setting.ADMIN_PASSWORD_FILE).map(Path::of);
        int embeddedPort = integer(values, Setting.EMBEDDED_DB_PORT, 1, 65_535);
        Optional<Path> clusterSecretFile = values.get(Setting.CLUSTER_SECRET_FILE).map(Path::of);
        Optional<HostPort> dnsListen = values.get(Setting.DNS_LISTEN).map(v -> HostPort.parse(v.strip(), Setting.DNS_LISTEN));
        ServerTls.Engine tlsEngine;
        try {
            tlsEngine = ServerTls.Engine.parse(values.require(Setting.TLS_PROVIDER));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid value for " + Setting.TLS_PROVIDER.names() + ": " + e.getMessage());
        }
        return new NodeConfig(url, values.require(Setting.DB_USER), password, name, listen, publicHost, publicPorts,
                weight, controllerOnly, dataDir, adminPasswordFile, embeddedPort, clusterSecretFile, dnsListen, tlsEngine);
    }

    public String listenText() {
        return listen.stream().map(HostPort::toString).collect(Collectors.joining(","));
    }

    public String publicPortsText() {
        return publicPorts.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Reads a one-line secret; a trailing newline (as editors and echo write) is not part of it. */
    public static String readSecret(Path file, Setting setting) {
        return readSecret(file, setting.names());
    }

    /** @param givenBy how the error message names where the file came from, e.g. an option */
    public static String readSecret(Path file, String givenBy) {
        try {
            if (Files.size(file) > 4096) {
                throw new ConfigException("file " + file + " given by " + givenBy + " is larger than 4 KiB");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + " given by " + givenBy + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static int integer(SettingValues values, Setting setting, int min, int max) {
        String text = values.require(setting);
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException("invalid value '" + text + "' for " + setting.names()
                + ": must be a whole number from " + min + " to " + max);
    }

    private static boolean bool(SettingValues values, Setting setting) {
        String text = values.require(setting).strip().toLowerCase(java.util.Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException("invalid value '" + text + "' for " + setting.names()
                    + ": must be true or false");
        };
    }

    /** For tests and for callers that built values themselves. */
    public static NodeConfig from(Map<Setting, String> values, String defaultName) {
        return from(new SettingValues(values, Map.of(), Map.of()), defaultName);
    }
}
