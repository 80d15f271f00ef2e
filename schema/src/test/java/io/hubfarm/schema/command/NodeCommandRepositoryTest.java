package io.hubfarm.schema.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Commands queued for one node, taken in order, done once, and purged after a while. */
class NodeCommandRepositoryTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    final NodeCommandRepository commands = new NodeCommandRepository(db.jdbi());

    @Test
    void aNodeSeesOnlyItsOwnPendingCommandsOldestFirst() {
        long mine = Fixtures.node(db.jdbi(), "nc-mine").id();
        long other = Fixtures.node(db.jdbi(), "nc-other").id();
        long first = commands.issue(mine, "disconnect-session", "1");
        commands.issue(other, "disconnect-session", "2");
        long second = commands.issue(mine, "disconnect-session", "3");

        assertThat(commands.pending(mine, 10)).extracting(NodeCommand::id).containsExactly(first, second);
        assertThat(commands.pending(mine, 1)).extracting(NodeCommand::id).containsExactly(first);
        NodeCommand command = commands.pending(mine, 10).getFirst();
        assertThat(command.command()).isEqualTo("disconnect-session");
        assertThat(command.argument()).isEqualTo("1");
        assertThat(command.isDone()).isFalse();
        assertThat(command.createdAt()).isNotNull();
    }

    @Test
    void aCommandIsCompletedOnceWithItsResult() {
        long node = Fixtures.node(db.jdbi(), "nc-complete").id();
        long id = commands.issue(node, "disconnect-session", "7");

        assertThat(commands.complete(id, "disconnected")).isTrue();
        assertThat(commands.complete(id, "again")).isFalse();

        NodeCommand done = commands.find(id).orElseThrow();
        assertThat(done.isDone()).isTrue();
        assertThat(done.result()).isEqualTo("disconnected");
        assertThat(commands.pending(node, 10)).isEmpty();
    }

    @Test
    void aLongResultIsCutToTheColumnAndALongArgumentRefused() {
        long node = Fixtures.node(db.jdbi(), "nc-long").id();
        long id = commands.issue(node, "x", "");
        commands.complete(id, "r".repeat(5000));
        assertThat(commands.find(id).orElseThrow().result()).hasSize(NodeCommandRepository.MAX_TEXT);
        assertThatThrownBy(() -> commands.issue(node, "x", "a".repeat(NodeCommandRepository.MAX_TEXT + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void purgingRemovesOnlyDoneCommandsOlderThanTheAge() {
        long node = Fixtures.node(db.jdbi(), "nc-purge").id();
        long old = commands.issue(node, "x", "old");
        long fresh = commands.issue(node, "x", "fresh");
        long waiting = commands.issue(node, "x", "waiting");
        commands.complete(old, "ok");
        commands.complete(fresh, "ok");
        db.jdbi().useHandle(h -> h.execute("UPDATE node_commands SET done_at = NOW(3) - INTERVAL 2 HOUR WHERE id = ?", old));

        assertThat(commands.purgeDone(node, Duration.ofHours(1))).isEqualTo(1);
        assertThat(commands.find(old)).isEmpty();
        assertThat(commands.find(fresh)).isPresent();
        assertThat(commands.find(waiting)).isPresent();
    }
}
