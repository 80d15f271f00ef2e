package io.hubfarm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.audit.AuditLog;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A CLI change and its audit row are one transaction. */
class CliAuditTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    final HubRepository hubs = new HubRepository(db.jdbi());
    final AuditLog audit = new AuditLog(db.jdbi());

    @Test
    void aChangeWhoseAuditRowFailsIsRolledBack() {
        // audit_log.action is VARCHAR(64): in strict mode the insert fails after the hub was written.
        assertThatThrownBy(() -> CliAudit.change(db.database(), "x".repeat(200), "UNAUDITED", "",
                () -> hubs.create(NewHub.of("UNAUDITED", HubType.STATIC))))
                .isNotInstanceOf(AssertionError.class);
        assertThat(hubs.find("UNAUDITED")).as("the change went with its audit row").isEmpty();
    }

    @Test
    void aRefusedChangeWritesNoAuditRow() {
        hubs.create(NewHub.of("TAKEN", HubType.STATIC));
        assertThatThrownBy(() -> CliAudit.change(db.database(), "hub.create", "TAKEN", "",
                () -> hubs.create(NewHub.of("TAKEN", HubType.STATIC))))
                .isInstanceOf(ConflictException.class);
        assertThat(audit.recent(100)).noneMatch(e -> e.target().equals("TAKEN"));
    }

    @Test
    void aChangeAndItsRowAreBothKept() {
        CliAudit.change(db.database(), "hub.create", "AUDITED", "STATIC",
                () -> hubs.create(NewHub.of("AUDITED", HubType.STATIC)));
        assertThat(hubs.find("AUDITED")).isPresent();
        assertThat(audit.recent(100)).anySatisfy(e -> {
            assertThat(e.target()).isEqualTo("AUDITED");
            assertThat(e.action()).isEqualTo("hub.create");
            assertThat(e.actor()).isEqualTo(CliAudit.actor());
        });
    }
}
