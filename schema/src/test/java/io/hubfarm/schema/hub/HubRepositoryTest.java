package io.hubfarm.schema.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.NotFoundException;
import io.hubfarm.schema.testing.TestDatabase;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HubRepositoryTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    final HubRepository hubs = new HubRepository(db.jdbi());

    @Test
    void namesAreUniqueWithoutRegardToCase() {
        hubs.create(NewHub.of("Sales", HubType.STATIC));
        assertThatThrownBy(() -> hubs.create(NewHub.of("SALES", HubType.DYNAMIC)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already exists");
        assertThat(hubs.find("sALeS")).get().extracting(Hub::name).isEqualTo("Sales");
    }

    @Test
    void theRepositoryRefusesATypeChange() {
        Hub hub = hubs.create(NewHub.of("FIXED1", HubType.STATIC));
        Hub changed = new Hub(hub.id(), hub.name(), HubType.DYNAMIC, hub.online(), hub.maxSessions(), hub.noEnum(),
                hub.adminPasswordHash(), hub.adminSecurePassword(), hub.createdAt(), hub.updatedAt(), hub.loginCount(), 0);
        assertThatThrownBy(() -> hubs.update(changed))
                .isInstanceOf(ConflictException.class).hasMessageContaining("fixed when it is created");
        assertThat(hubs.find("FIXED1")).get().extracting(Hub::type).isEqualTo(HubType.STATIC);
    }

    @Test
    void theDatabaseRefusesATypeChangeFromAnyWriter() {
        hubs.create(NewHub.of("FIXED2", HubType.DYNAMIC));
        assertThatThrownBy(() -> db.jdbi().useHandle(h ->
                h.execute("UPDATE hubs SET hub_type = 'STATIC' WHERE name = 'FIXED2'")))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("hub type is fixed at creation");
        assertThat(hubs.find("FIXED2")).get().extracting(Hub::type).isEqualTo(HubType.DYNAMIC);
    }

    @Test
    void otherFieldsChangeAndTheTypeStays() {
        Hub hub = hubs.create(NewHub.of("CHANGING", HubType.STATIC));
        byte[] hash = new byte[20];
        hash[0] = 7;
        Hub updated = hubs.update(new Hub(hub.id(), hub.name(), hub.type(), false, 10, true, Optional.of(hash),
                Optional.of(hash), hub.createdAt(), hub.updatedAt(), 0, 3));
        assertThat(updated.online()).isFalse();
        assertThat(updated.maxSessionsPerUser()).isEqualTo(3);
        assertThat(updated.maxSessions()).isEqualTo(10);
        assertThat(updated.adminPasswordHash()).get().isEqualTo(hash);
    }

    @Test
    void onlineDeleteAndMissingHubs() {
        hubs.create(NewHub.of("SHORTLIVED", HubType.STATIC));
        hubs.setOnline("shortlived", false);
        assertThat(hubs.find("SHORTLIVED")).get().extracting(Hub::online).isEqualTo(false);
        hubs.delete("ShortLived");
        assertThat(hubs.find("SHORTLIVED")).isEmpty();
        assertThatThrownBy(() -> hubs.delete("SHORTLIVED")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> hubs.setOnline("NOPE", true)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void invalidNamesAreRefusedBeforeTheDatabase() {
        assertThatThrownBy(() -> hubs.create(NewHub.of("bad name", HubType.STATIC)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hub name 'bad name'");
        assertThatThrownBy(() -> hubs.create(NewHub.of("x".repeat(65), HubType.STATIC)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
