package io.hubfarm.node.cli;

import io.hubfarm.dns.DnsSettings;
import io.hubfarm.dns.DnsUpdateException;
import io.hubfarm.dns.DnsUpdateTarget;
import io.hubfarm.dns.SnapshotSource;
import io.hubfarm.dns.ZoneFile;
import io.hubfarm.node.cluster.ClusterTiming;
import io.hubfarm.node.config.ConfigException;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.Database;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.dns.DnsResponderRepository;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dns", description = "The cluster's DNS name: its settings, and a zone file of the live nodes.",
        subcommands = {DnsCommand.Configure.class, DnsCommand.Updates.class, DnsCommand.Zone.class})
public final class DnsCommand {

    @Command(name = "configure", description = "Set the cluster's DNS name, its zone and the TTL of its records "
            + "(nodes with --dns-listen use them within a second).")
    static final class Configure implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;
        @Option(names = "--name", paramLabel = "NAME", required = true,
                description = "the name clients connect to, e.g. vpn.example.com")
        String name;
        @Option(names = "--zone", paramLabel = "ZONE",
                description = "the zone the responders serve (default: the name itself, delegated to the nodes)")
        String zone;
        @Option(names = "--ttl", paramLabel = "SECONDS", description = "TTL of the address records (default 5)")
        String ttl;

        @Override
        public Integer call() {
            Map<String, String> wanted = new HashMap<>();
            wanted.put(DnsSettings.NAME, name);
            wanted.put(DnsSettings.ZONE, zone == null ? "" : zone);
            wanted.put(DnsSettings.TTL, ttl == null ? String.valueOf(DnsSettings.DEFAULT_TTL.toSeconds()) : ttl.trim());
            DnsSettings settings;
            try {
                settings = DnsSettings.from(wanted).orElseThrow();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
            try (Database db = DbCommand.openMigrated(database)) {
                ClusterSettings stored = new ClusterSettings(db.jdbi());
                CliAudit.change(db, "dns.configure", settings.clusterName().text(), "zone " + settings.zone().text()
                        + ", ttl " + settings.ttl().toSeconds() + " s", () -> {
                            stored.put(DnsSettings.NAME, settings.clusterName().text());
                            stored.put(DnsSettings.ZONE, settings.zone().text());
                            stored.put(DnsSettings.TTL, String.valueOf(settings.ttl().toSeconds()));
                        });
            }
            spec.commandLine().getOut().println("DNS name " + settings.clusterName().relativeText() + " in zone "
                    + settings.zone().relativeText() + ", TTL " + settings.ttl().toSeconds() + " s.");
            return 0;
        }
    }

    @Command(name = "updates", description = "Have the controller keep the cluster name's records on an external "
            + "primary server up to date with RFC 2136 updates signed with TSIG (or stop it with --off).")
    static final class Updates implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;
        @Option(names = "--server", paramLabel = "HOST[:PORT]", description = "the primary server (port 53 by default)")
        String server;
        @Option(names = "--zone", paramLabel = "ZONE", description = "its zone holding the name (default: the DNS zone)")
        String zone;
        @Option(names = "--key-name", paramLabel = "NAME", description = "the TSIG key's name")
        String keyName;
        @Option(names = "--algorithm", paramLabel = "ALG", description = "the TSIG algorithm (default hmac-sha256)")
        String algorithm;
        @Option(names = "--secret-file", paramLabel = "FILE",
                description = "a file with the key's base64 secret, at this path on every node")
        String secretFile;
        @Option(names = "--off", description = "send no more updates")
        boolean off;

        @Override
        public Integer call() {
            try (Database db = DbCommand.openMigrated(database)) {
                ClusterSettings stored = new ClusterSettings(db.jdbi());
                if (off) {
                    CliAudit.change(db, "dns.updates", "", "off", () -> stored.put(DnsUpdateTarget.SERVER, ""));
                    spec.commandLine().getOut().println("The controller sends no more DNS updates.");
                    return 0;
                }
                if (server == null || keyName == null || secretFile == null) {
                    throw new ConfigException("--server, --key-name and --secret-file are required (or --off)");
                }
                Map<String, String> wanted = new HashMap<>(stored.all());
                wanted.put(DnsUpdateTarget.SERVER, server);
                wanted.put(DnsUpdateTarget.ZONE, zone == null ? "" : zone);
                wanted.put(DnsUpdateTarget.KEY_NAME, keyName);
                wanted.put(DnsUpdateTarget.ALGORITHM, algorithm == null ? "hmac-sha256" : algorithm);
                wanted.put(DnsUpdateTarget.SECRET_FILE, Path.of(secretFile).toAbsolutePath().toString());
                DnsUpdateTarget target;
                try {
                    DnsSettings dns = DnsSettings.from(wanted).orElseThrow(() -> new ConfigException(
                            "set the cluster's DNS name first: 'hubfarm dns configure --name NAME'"));
                    target = DnsUpdateTarget.from(wanted, dns).orElseThrow();
                    target.secret(); // readable and base64 here, at least
                } catch (IllegalArgumentException | DnsUpdateException e) {
                    throw new ConfigException(e.getMessage());
                }
                CliAudit.change(db, "dns.updates", target.serverHost() + ":" + target.serverPort(), "zone "
                        + target.zone() + ", key " + target.keyName() + " (" + target.algorithm() + ")", () -> {
                            for (String key : DnsUpdateTarget.KEYS) {
                                stored.put(key, wanted.get(key));
                            }
                        });
                spec.commandLine().getOut().println("The controller now updates " + target.serverHost() + ":"
                        + target.serverPort() + " (zone " + target.zone().relativeText() + ") whenever the live set"
                        + " changes; the secret file must exist at " + target.secretFile() + " on every node.");
            }
            return 0;
        }
    }

    @Command(name = "zone", description = "Print a BIND zone file of the cluster name with the nodes that take "
            + "sessions now.")
    static final class Zone implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Database db = DbCommand.openMigrated(database)) {
                ClusterSettings settings = new ClusterSettings(db.jdbi());
                ClusterTiming timing;
                try {
                    timing = ClusterTiming.read(settings);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(e.getMessage());
                }
                NodeClock clock = NodeClock.system();
                SnapshotSource source = new SnapshotSource(settings, new NodeRepository(db.jdbi()),
                        new ControllerLeaseRepository(db.jdbi()), new DnsResponderRepository(db.jdbi()),
                        timing.deadAfter(), () -> clock.now().getEpochSecond());
                try {
                    spec.commandLine().getOut().print(ZoneFile.render(source.refresh(), clock.now()));
                    spec.commandLine().getOut().flush(); // print does not flush, and the JVM exits next
                } catch (IllegalStateException e) {
                    throw new ConfigException(e.getMessage());
                }
            }
            return 0;
        }
    }
}
