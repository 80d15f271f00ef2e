package io.hubfarm.node.cli;

import io.hubfarm.node.NodeDaemon;
import io.hubfarm.node.config.NodeConfig;
import io.hubfarm.node.config.Setting;
import io.hubfarm.node.config.SettingValues;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "node", description = "Run a cluster node. With no database configured it starts an embedded "
        + "MariaDB under the data directory and runs as a one-node cluster.")
public final class NodeCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions database;

    @Option(names = "--name", paramLabel = "NAME", description = "node name, unique in the cluster (default: host name); env HUBFARM_NAME")
    String name;

    @Option(names = "--listen", paramLabel = "HOST:PORT[,...]", description = "VPN listeners (default 0.0.0.0:5555); env HUBFARM_LISTEN")
    String listen;

    @Option(names = "--public-address", paramLabel = "HOST:PORT[,...]",
            description = "address clients are redirected to; env HUBFARM_PUBLIC_ADDRESS")
    String publicAddress;

    @Option(names = "--weight", paramLabel = "N", description = "load-balancing weight 1-10000 (default 100); env HUBFARM_WEIGHT")
    String weight;

    @Option(names = "--controller-only", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "take no VPN sessions while controller; env HUBFARM_CONTROLLER_ONLY")
    String controllerOnly;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "local state directory (default ./var); env HUBFARM_DATA_DIR")
    String dataDir;

    @Option(names = "--admin-password-file", paramLabel = "FILE",
            description = "server administrator password for a new database; env HUBFARM_ADMIN_PASSWORD_FILE "
                    + "(or the password itself in HUBFARM_ADMIN_PASSWORD)")
    String adminPasswordFile;

    @Option(names = "--embedded-db-port", paramLabel = "PORT",
            description = "port of the embedded MariaDB (default 3307); env HUBFARM_EMBEDDED_DB_PORT")
    String embeddedDbPort;

    @Option(names = "--cluster-secret-file", paramLabel = "FILE",
            description = "the secret sealing the cluster's keys, the same file on every node (default: "
                    + "<data-dir>/cluster-secret, generated for a new cluster); env HUBFARM_CLUSTER_SECRET_FILE")
    String clusterSecretFile;

    @Option(names = "--dns-listen", paramLabel = "HOST:PORT",
            description = "answer DNS for the cluster name here, UDP and TCP (e.g. 0.0.0.0:53); env HUBFARM_DNS_LISTEN")
    String dnsListen;

    @Option(names = "--tls-provider", paramLabel = "auto|openssl|jdk",
            description = "the listeners' TLS engine: BoringSSL (openssl), the JDK's, or BoringSSL where it loads "
                    + "(auto, the default); env HUBFARM_TLS_PROVIDER")
    String tlsProvider;

    @Override
    public Integer call() throws Exception {
        Map<Setting, String> given = database.values();
        DatabaseOptions.put(given, Setting.NAME, name);
        DatabaseOptions.put(given, Setting.LISTEN, listen);
        DatabaseOptions.put(given, Setting.PUBLIC_ADDRESS, publicAddress);
        DatabaseOptions.put(given, Setting.WEIGHT, weight);
        DatabaseOptions.put(given, Setting.CONTROLLER_ONLY, controllerOnly);
        DatabaseOptions.put(given, Setting.DATA_DIR, dataDir);
        DatabaseOptions.put(given, Setting.ADMIN_PASSWORD_FILE, adminPasswordFile);
        DatabaseOptions.put(given, Setting.EMBEDDED_DB_PORT, embeddedDbPort);
        DatabaseOptions.put(given, Setting.CLUSTER_SECRET_FILE, clusterSecretFile);
        DatabaseOptions.put(given, Setting.DNS_LISTEN, dnsListen);
        DatabaseOptions.put(given, Setting.TLS_PROVIDER, tlsProvider);
        NodeConfig config = NodeConfig.from(SettingValues.load(given, System.getenv()), hostName());

        NodeDaemon daemon = new NodeDaemon(config);
        Thread hook = Thread.ofPlatform().name("shutdown").unstarted(daemon::close);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            daemon.start(System.out);
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            daemon.close();
            throw e;
        }
        daemon.awaitStop();
        return 0;
    }

    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
