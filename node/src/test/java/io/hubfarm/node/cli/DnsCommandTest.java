package io.hubfarm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.dns.DnsUpdateTarget;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.NodeRegistration;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.dns.DnsResponderRepository;
import io.hubfarm.schema.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code hubfarm dns configure} and {@code hubfarm dns zone}. */
class DnsCommandTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path dir;

    @Test
    void theZoneFileHasTheLiveNodesAndTheResponders() {
        Cli cli = new Cli(db, dir);
        new ClusterSettings(db.jdbi()).put("dns.name", ""); // as on a new cluster, whichever test ran first
        Cli.Result unset = cli.run("dns", "zone");
        assertThat(unset.status()).isEqualTo(2);
        assertThat(unset.err()).contains("hubfarm dns configure --name");

        Cli.Result bad = cli.run("dns", "configure", "--name", "vpn.example.com", "--zone", "example.org");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("not within dns.zone");

        Cli.Result set = cli.run("dns", "configure", "--name", "VPN.example.com", "--ttl", "10");
        assertThat(set.status()).as(set.err()).isZero();
        assertThat(set.out()).contains("DNS name vpn.example.com in zone vpn.example.com, TTL 10 s.");

        NodeRepository nodes = new NodeRepository(db.jdbi());
        NodeRow one = nodes.register(new NodeRegistration("dz1", "0.0.0.0:5555", "192.0.2.1", "5555", 100, 4096, false,
                "test"), Duration.ofSeconds(5));
        NodeRow two = nodes.register(new NodeRegistration("dz2", "0.0.0.0:5555", "192.0.2.2", "5555", 100, 4096, false,
                "test"), Duration.ofSeconds(5));
        nodes.markOffline(two.id(), two.incarnation());
        new DnsResponderRepository(db.jdbi()).register(one.id(), "0.0.0.0:53");

        Cli.Result zone = cli.run("dns", "zone");
        assertThat(zone.status()).as(zone.err()).isZero();
        assertThat(zone.out()).contains("$ORIGIN vpn.example.com.", "$TTL 10", "@\tIN\tNS\tns-dz1.vpn.example.com.",
                "ns-dz1.vpn.example.com.\tIN\tA\t192.0.2.1", "vpn.example.com.\tIN\tA\t192.0.2.1")
                .doesNotContain("192.0.2.2");
        assertThat(cli.run("cluster", "settings").status()).as("the timing settings are untouched").isZero();
    }

    @Test
    void updatesAreValidatedStoredAndTurnedOff() throws Exception {
        Cli cli = new Cli(db, dir);
        cli.run("dns", "configure", "--name", "vpn.example.com");
        Cli.Result missing = cli.run("dns", "updates", "--server", "192.0.2.53");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("--server, --key-name and --secret-file are required");

        Path secret = dir.resolve("update.secret");
        java.nio.file.Files.writeString(secret, "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=\n");
        Cli.Result outside = cli.run("dns", "updates", "--server", "192.0.2.53", "--zone", "example.org", "--key-name",
                "k", "--secret-file", secret.toString());
        assertThat(outside.status()).isEqualTo(2);
        assertThat(outside.err()).contains("does not hold the cluster name");
        Cli.Result noFile = cli.run("dns", "updates", "--server", "192.0.2.53", "--key-name", "k", "--secret-file",
                dir.resolve("absent").toString());
        assertThat(noFile.status()).isEqualTo(2);
        assertThat(noFile.err()).contains("cannot read the TSIG secret");

        Cli.Result ok = cli.run("dns", "updates", "--server", "192.0.2.53:5353", "--zone", "example.com", "--key-name",
                "hubfarm-update", "--secret-file", secret.toString());
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("now updates 192.0.2.53:5353 (zone example.com)");
        ClusterSettings settings = new ClusterSettings(db.jdbi());
        assertThat(settings.get(DnsUpdateTarget.SERVER)).contains("192.0.2.53:5353");
        assertThat(settings.get(DnsUpdateTarget.SECRET_FILE)).contains(secret.toAbsolutePath().toString());

        assertThat(cli.run("dns", "updates", "--off").status()).isZero();
        assertThat(settings.get(DnsUpdateTarget.SERVER)).contains("");
    }
}
