package io.hubfarm.schema.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.schema.testing.Concurrently;
import io.hubfarm.schema.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterSettingsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    final ClusterSettings settings = new ClusterSettings(db.jdbi());

    @Test
    void putGetAndOverwrite() {
        settings.put("heartbeat", "1s");
        settings.put("heartbeat", "2s");
        assertThat(settings.get("heartbeat")).hasValue("2s");
        assertThat(settings.get("missing")).isEmpty();
        assertThat(settings.all()).containsEntry("heartbeat", "2s");
    }

    @Test
    void onlyOneOfManyConcurrentFirstWritersStoresItsValue() throws Exception {
        List<Boolean> stored = Concurrently.run(8, i -> () -> settings.putIfAbsent("first-writer", "node-" + i));
        assertThat(stored.stream().filter(b -> b).count()).isEqualTo(1);
        int winner = stored.indexOf(true);
        assertThat(settings.get("first-writer")).hasValue("node-" + winner);
    }
}
