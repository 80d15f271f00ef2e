package io.hubfarm.schema.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.NotFoundException;
import io.hubfarm.schema.testing.TestDatabase;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HubUserRepositoryTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static HubUserRepository users;

    @BeforeAll
    static void hubs() {
        users = new HubUserRepository(db.jdbi());
        HubRepository hubs = new HubRepository(db.jdbi());
        hubs.create(NewHub.of("ONE", HubType.STATIC));
        hubs.create(NewHub.of("TWO", HubType.STATIC));
    }

    @Test
    void userNamesAreUniquePerHubWithoutRegardToCase() {
        users.create("ONE", NewHubUser.password("Alice", hash(1), null));
        assertThatThrownBy(() -> users.create("one", NewHubUser.anonymous("ALICE")))
                .isInstanceOf(ConflictException.class);
        users.create("TWO", NewHubUser.anonymous("alice"));
        assertThat(users.find("ONE", "alice")).get().extracting(HubUser::authType).isEqualTo(UserAuthType.PASSWORD);
        assertThat(users.find("TWO", "ALICE")).get().extracting(HubUser::authType).isEqualTo(UserAuthType.ANONYMOUS);
    }

    @Test
    void anUpdateWithoutAHashKeepsThePasswordAndAnonymousUsersNeedOneToBecomePasswordUsers() {
        users.create("ONE", NewHubUser.password("carol", hash(3), new byte[16]));
        HubUser carol = users.update("ONE", "CAROL", UserAuthType.PASSWORD, Optional.empty(), Optional.empty(),
                "Carol C", "a note", "");
        assertThat(carol.passwordHash()).get().isEqualTo(hash(3));
        assertThat(carol.ntHash()).isPresent();
        assertThat(carol.realName()).isEqualTo("Carol C");
        assertThat(carol.note()).isEqualTo("a note");

        HubUser anonymous = users.update("ONE", "carol", UserAuthType.ANONYMOUS, Optional.empty(), Optional.empty(),
                "", "", "");
        assertThat(anonymous.passwordHash()).isEmpty();
        assertThatThrownBy(() -> users.update("ONE", "carol", UserAuthType.PASSWORD, Optional.empty(), Optional.empty(),
                "", "", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(users.update("ONE", "carol", UserAuthType.PASSWORD, Optional.of(hash(4)), Optional.empty(), "", "", "")
                .passwordHash()).get().isEqualTo(hash(4));
        assertThatThrownBy(() -> users.update("ONE", "nobody", UserAuthType.ANONYMOUS, Optional.empty(),
                Optional.empty(), "", "", "")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void passwordsChangeAndUsersGo() {
        users.create("ONE", NewHubUser.anonymous("bob"));
        users.setPassword("ONE", "BOB", hash(2), new byte[16]);
        HubUser bob = users.find("ONE", "bob").orElseThrow();
        assertThat(bob.authType()).isEqualTo(UserAuthType.PASSWORD);
        assertThat(bob.passwordHash()).get().isEqualTo(hash(2));
        assertThat(users.list("ONE")).extracting(HubUser::name).contains("bob");
        users.delete("ONE", "Bob");
        assertThat(users.find("ONE", "bob")).isEmpty();
        assertThatThrownBy(() -> users.delete("ONE", "bob")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void unknownHubsAreReported() {
        assertThatThrownBy(() -> users.create("NOHUB", NewHubUser.anonymous("x")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("hub 'NOHUB'");
        assertThatThrownBy(() -> users.list("NOHUB")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aPasswordUserNeedsAHash() {
        assertThatThrownBy(() -> NewHubUser.password("carol", new byte[3], null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingAHubDeletesItsUsers() {
        HubRepository hubs = new HubRepository(db.jdbi());
        hubs.create(NewHub.of("GONE", HubType.DYNAMIC));
        users.create("GONE", NewHubUser.anonymous("dave"));
        hubs.delete("GONE");
        int left = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM hub_users WHERE name = 'dave'")
                .mapTo(Integer.class).one());
        assertThat(left).isZero();
    }

    @Test
    void usersAreCountedPerHub() {
        HubRepository hubs = new HubRepository(db.jdbi());
        Hub counted = hubs.create(NewHub.of("COUNTED", HubType.STATIC));
        Hub empty = hubs.create(NewHub.of("NOUSERS", HubType.STATIC));
        users.create("COUNTED", NewHubUser.anonymous("u1"));
        users.create("COUNTED", NewHubUser.password("u2", hash(3), null));
        assertThat(users.countByHub()).containsEntry(counted.id(), 2).doesNotContainKey(empty.id());
    }

    private static byte[] hash(int seed) {
        byte[] h = new byte[20];
        h[0] = (byte) seed;
        return h;
    }
}
