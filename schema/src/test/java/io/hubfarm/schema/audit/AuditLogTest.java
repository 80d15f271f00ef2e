package io.hubfarm.schema.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuditLogTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void entriesComeBackNewestFirstWithTheDatabasesTime() {
        AuditLog audit = new AuditLog(db.jdbi());
        audit.append("admin", "192.0.2.7", "node1", "hub.create", "SALES", "type=STATIC");
        audit.append("admin", "192.0.2.7", "node2", "hub.delete", "SALES", "x".repeat(5000));

        var entries = audit.recent(10);
        assertThat(entries).extracting(AuditEntry::action).containsExactly("hub.delete", "hub.create");
        assertThat(entries.getFirst().nodeName()).isEqualTo("node2");
        assertThat(entries.getFirst().detail()).as("detail is cut to the column's size").hasSize(2048);
        assertThat(entries.get(1).at()).isNotNull().isBeforeOrEqualTo(entries.getFirst().at());
    }
}
