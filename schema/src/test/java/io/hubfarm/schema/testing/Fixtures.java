package io.hubfarm.schema.testing;

import io.hubfarm.schema.cluster.NodeRegistration;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** Small builders of rows that many tests need. */
public final class Fixtures {
    private Fixtures() {
    }

    public static NodeRow node(Jdbi jdbi, String name) {
        return new NodeRepository(jdbi).register(registration(name), Duration.ofSeconds(5));
    }

    public static NodeRegistration registration(String name) {
        return new NodeRegistration(name, "127.0.0.1:5555", "127.0.0.1", "5555", 100, 4096, false, "test");
    }
}
