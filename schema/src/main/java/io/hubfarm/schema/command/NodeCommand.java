package io.hubfarm.schema.command;

import java.time.Instant;

/**
 * A request for one node to act on something only it holds (a session's connections), carried by
 * the {@code node_commands} table because nodes talk to each other only through the database.
 *
 * @param doneAt null while the command waits for its node
 * @param result what the node did, once done
 */
public record NodeCommand(long id, long nodeId, String command, String argument, Instant createdAt, Instant doneAt,
                          String result) {

    public boolean isDone() {
        return doneAt != null;
    }
}
