package io.hubfarm.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hubfarm.dns.testing.NamedServer;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.NodeRegistration;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.dns.DnsResponderRepository;
import io.hubfarm.schema.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Only the lease holder updates the external server, once per change of the live set or of the term. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControllerDnsUpdatesTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    static Path dir;
    private NamedServer named;

    @BeforeAll
    void startNamed() throws IOException {
        assumeTrue(NamedServer.installed(), "needs BIND's named and dig (apt install bind9 bind9-dnsutils; scripts/test does)");
        named = NamedServer.start(dir.resolve("named"), "127.0.0.1", Rfc2136UpdaterTest.freePort(), "lab.test", List.of());
    }

    @AfterAll
    void stopNamed() {
        if (named != null) {
            named.close();
        }
    }

    @Test
    void theControllerPushesTheLiveSetWhenItChangesAndOnlyWhileItHoldsTheLease() {
        ClusterSettings settings = new ClusterSettings(db.jdbi());
        settings.put(DnsSettings.NAME, "vpn.lab.test");
        settings.put(DnsUpdateTarget.SERVER, named.server());
        settings.put(DnsUpdateTarget.ZONE, "lab.test");
        settings.put(DnsUpdateTarget.KEY_NAME, NamedServer.KEY_NAME);
        settings.put(DnsUpdateTarget.SECRET_FILE, named.secretFile().toString());
        NodeRepository nodes = new NodeRepository(db.jdbi());
        NodeRow one = register(nodes, "cu1", "192.0.2.11");
        NodeRow two = register(nodes, "cu2", "192.0.2.12");
        ControllerLeaseRepository lease = new ControllerLeaseRepository(db.jdbi());
        ControllerDnsUpdates onOne = updates(settings, nodes, lease, one);
        ControllerDnsUpdates onTwo = updates(settings, nodes, lease, two);

        long epoch = lease.tryAcquire(one.id(), Duration.ofMinutes(1)).orElseThrow();
        assertThat(onTwo.run()).as("not the controller").isFalse();
        assertThat(onOne.run()).isTrue();
        assertThat(named.ask("vpn.lab.test", "A")).containsExactly("192.0.2.11", "192.0.2.12");
        assertThat(onOne.run()).as("nothing changed").isFalse();

        nodes.markOffline(two.id(), two.incarnation());
        assertThat(onOne.run()).isTrue();
        assertThat(named.ask("vpn.lab.test", "A")).containsExactly("192.0.2.11");

        // A new term on another node pushes again, even though the set is the same.
        lease.release(one.id(), epoch);
        NodeRow back = register(nodes, "cu2", "192.0.2.12");
        lease.tryAcquire(back.id(), Duration.ofMinutes(1)).orElseThrow();
        assertThat(onOne.run()).as("deposed").isFalse();
        assertThat(updates(settings, nodes, lease, back).run()).isTrue();
        assertThat(named.ask("vpn.lab.test", "A")).containsExactly("192.0.2.11", "192.0.2.12");
    }

    private static NodeRow register(NodeRepository nodes, String name, String address) {
        return nodes.register(new NodeRegistration(name, "0.0.0.0:5555", address, "5555", 100, 4096, false, "test"),
                Duration.ofSeconds(5));
    }

    private static ControllerDnsUpdates updates(ClusterSettings settings, NodeRepository nodes,
                                                ControllerLeaseRepository lease, NodeRow self) {
        SnapshotSource live = new SnapshotSource(settings, nodes, lease, new DnsResponderRepository(db.jdbi()),
                Duration.ofSeconds(5), () -> 1_800_000_000L);
        return new ControllerDnsUpdates(live::refresh, settings, lease, self.id(), new Rfc2136Updater(), System::nanoTime);
    }
}
