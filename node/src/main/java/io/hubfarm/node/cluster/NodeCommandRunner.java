package io.hubfarm.node.cluster;

import io.hubfarm.schema.command.NodeCommand;
import io.hubfarm.schema.command.NodeCommandRepository;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the commands other nodes queue for this one in {@code node_commands} (nodes reach
 * each other only through the database). Polled often, so an administrator's command takes effect
 * within a second; each command is done once and its result recorded for whoever queued it.
 */
public final class NodeCommandRunner {
    /** Ends one session this node holds; the argument is the session's row id. */
    public static final String DISCONNECT_SESSION = "disconnect-session";
    static final int BATCH = 100;
    /** How long done commands stay readable before this node deletes them. */
    static final Duration KEEP_DONE = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(NodeCommandRunner.class);

    private final NodeCommandRepository commands;
    private final long nodeId;
    private final Map<String, Function<String, String>> handlers;

    /** @param handlers by command name: each takes the argument and says what it did */
    public NodeCommandRunner(NodeCommandRepository commands, long nodeId, Map<String, Function<String, String>> handlers) {
        this.commands = commands;
        this.nodeId = nodeId;
        this.handlers = Map.copyOf(handlers);
    }

    public void runPending() {
        for (NodeCommand command : commands.pending(nodeId, BATCH)) {
            commands.complete(command.id(), run(command));
        }
    }

    public void purgeDone() {
        commands.purgeDone(nodeId, KEEP_DONE);
    }

    private String run(NodeCommand command) {
        Function<String, String> handler = handlers.get(command.command());
        if (handler == null) {
            log.warn("Node command {} '{}' is unknown to this node's version; marked done without effect",
                    command.id(), command.command());
            return "unknown command";
        }
        try {
            String result = handler.apply(command.argument());
            log.info("Node command {} {} {}: {}", command.id(), command.command(), command.argument(), result);
            return result;
        } catch (RuntimeException e) {
            log.warn("Node command {} {} {} failed", command.id(), command.command(), command.argument(), e);
            return "failed: " + e.getMessage();
        }
    }
}
