package io.hubfarm.node.session;

import io.hubfarm.node.cluster.NodeCommandRunner;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.command.NodeCommand;
import io.hubfarm.schema.command.NodeCommandRepository;
import io.hubfarm.schema.session.SessionRow;
import java.time.Duration;
import java.util.Optional;

/**
 * Disconnects a session wherever it runs: only the node holding it can close its connections, so a
 * command is queued for that node, which polls for commands every half second. The caller waits
 * for the result a little longer than that, and otherwise learns that the command is still queued
 * (its node is slow or gone; a node declared dead loses its sessions anyway).
 */
public final class SessionDisconnects {
    static final Duration WAIT = Duration.ofSeconds(3);
    private static final long POLL_MILLIS = 100;

    private final NodeCommandRepository commands;
    private final NodeClock clock;

    public SessionDisconnects(NodeCommandRepository commands, NodeClock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** @param result what the holding node did, or empty if it had not done it within the wait */
    public record Outcome(long commandId, Optional<String> result) {
    }

    public Outcome disconnect(SessionRow session) throws InterruptedException {
        long id = commands.issue(session.nodeId(), NodeCommandRunner.DISCONNECT_SESSION, Long.toString(session.id()));
        long start = clock.nanoTime();
        while (clock.millisSince(start) < WAIT.toMillis()) {
            Optional<NodeCommand> command = commands.find(id);
            if (command.isEmpty()) {
                break; // purged: its node was deleted
            }
            if (command.get().isDone()) {
                return new Outcome(id, Optional.of(command.get().result()));
            }
            Thread.sleep(POLL_MILLIS);
        }
        return new Outcome(id, Optional.empty());
    }
}
