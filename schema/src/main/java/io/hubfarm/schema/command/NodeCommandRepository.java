package io.hubfarm.schema.command;

import io.hubfarm.schema.DbTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code node_commands} table: any node (or the CLI) queues a command for a node; that node
 * polls for its pending commands, carries them out and records the result. Done rows are kept for a
 * while, so whoever queued one can read what became of it.
 */
public final class NodeCommandRepository {
    /** The longest result kept: the column's width. */
    static final int MAX_TEXT = 1024;
    private static final String SELECT = """
            SELECT id, node_id, command, argument, created_at, done_at, result FROM node_commands""";

    private final Jdbi jdbi;

    public NodeCommandRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the new command's id */
    public long issue(long nodeId, String command, String argument) {
        if (argument.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a command's argument is at most " + MAX_TEXT + " characters");
        }
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO node_commands (node_id, command, argument) VALUES (:node, :command, :argument)""")
                .bind("node", nodeId).bind("command", command).bind("argument", argument)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** A node's commands that are not done yet, oldest first. */
    public List<NodeCommand> pending(long nodeId, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE node_id = :node AND done_at IS NULL ORDER BY id LIMIT :limit")
                .bind("node", nodeId).bind("limit", limit).map((rs, ctx) -> map(rs)).list());
    }

    /** @return false if the command was already done (another run of the node got there first) */
    public boolean complete(long id, String result) {
        String kept = result.length() > MAX_TEXT ? result.substring(0, MAX_TEXT) : result;
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE node_commands SET done_at = NOW(3), result = :result WHERE id = :id AND done_at IS NULL")
                .bind("id", id).bind("result", kept).execute()) > 0;
    }

    public Optional<NodeCommand> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /** Deletes a node's done commands older than {@code age}, by the database's clock. */
    public int purgeDone(long nodeId, Duration age) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        DELETE FROM node_commands
                        WHERE node_id = :node AND done_at IS NOT NULL AND done_at < NOW(3) - INTERVAL :ageUs MICROSECOND""")
                .bind("node", nodeId).bind("ageUs", age.toNanos() / 1000).execute());
    }

    private static NodeCommand map(ResultSet rs) throws SQLException {
        return new NodeCommand(rs.getLong("id"), rs.getLong("node_id"), rs.getString("command"),
                rs.getString("argument"), DbTime.instant(rs, "created_at"), DbTime.instant(rs, "done_at"),
                rs.getString("result"));
    }
}
