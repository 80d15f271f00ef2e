package io.hubfarm.schema.hub;

import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.DbTime;
import io.hubfarm.schema.Duplicates;
import io.hubfarm.schema.Names;
import io.hubfarm.schema.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The {@code hubs} table. Names are unique without regard to case. */
public final class HubRepository {
    private static final String SELECT = """
            SELECT id, name, hub_type, online, max_sessions, no_enum, admin_password_hash, admin_secure_password,
                   created_at, updated_at, login_count, max_sessions_per_user
            FROM hubs""";

    private final Jdbi jdbi;

    public HubRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @throws ConflictException if a hub of that name (in any case) exists */
    public Hub create(NewHub hub) {
        Names.hub(hub.name());
        if (hub.maxSessions() < 0 || hub.maxSessionsPerUser() < 0) {
            throw new IllegalArgumentException("session limits must be 0 (unlimited) or more");
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO hubs (name, hub_type, online, max_sessions, admin_password_hash, admin_secure_password,
                                      max_sessions_per_user)
                    VALUES (:name, :type, :online, :maxSessions, :hash, :secure, :perUser)""")
                    .bind("perUser", hub.maxSessionsPerUser())
                    .bind("name", hub.name()).bind("type", hub.type().name()).bind("online", hub.online())
                    .bind("maxSessions", hub.maxSessions())
                    .bind("hash", hub.adminPasswordHash().orElse(null))
                    .bind("secure", hub.adminSecurePassword().orElse(null))
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (Duplicates.isDuplicateKey(e)) {
                throw new ConflictException("hub '" + hub.name() + "' already exists", e);
            }
            throw e;
        }
        return find(hub.name()).orElseThrow();
    }

    public Optional<Hub> find(String name) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    public List<Hub> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY name").map((rs, ctx) -> map(rs)).list());
    }

    /**
     * Writes a hub's changeable fields. The type is not one of them: asking for another type is
     * refused here, and the database's trigger refuses it from any other writer.
     */
    public Hub update(Hub hub) {
        Hub current = find(hub.name()).orElseThrow(() -> new NotFoundException("hub '" + hub.name() + "' does not exist"));
        if (current.type() != hub.type()) {
            throw new ConflictException("hub '" + current.name() + "' is " + current.type()
                    + ": a hub's type is fixed when it is created");
        }
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE hubs SET online = :online, max_sessions = :maxSessions, no_enum = :noEnum,
                       admin_password_hash = :hash, admin_secure_password = :secure,
                       max_sessions_per_user = :perUser
                WHERE id = :id""")
                .bind("perUser", hub.maxSessionsPerUser())
                .bind("id", current.id()).bind("online", hub.online()).bind("maxSessions", hub.maxSessions())
                .bind("noEnum", hub.noEnum())
                .bind("hash", hub.adminPasswordHash().orElse(null))
                .bind("secure", hub.adminSecurePassword().orElse(null))
                .execute());
        return find(hub.name()).orElseThrow();
    }

    public void setOnline(String name, boolean online) {
        int rows = jdbi.withHandle(h -> h.createUpdate("UPDATE hubs SET online = :online WHERE name = :name")
                .bind("name", name).bind("online", online).execute());
        if (rows == 0) {
            throw new NotFoundException("hub '" + name + "' does not exist");
        }
    }

    /** Deletes the hub with its users, placement, sessions and tickets. */
    public void delete(String name) {
        int rows = jdbi.withHandle(h -> h.createUpdate("DELETE FROM hubs WHERE name = :name")
                .bind("name", name).execute());
        if (rows == 0) {
            throw new NotFoundException("hub '" + name + "' does not exist");
        }
    }

    private static Hub map(ResultSet rs) throws SQLException {
        return new Hub(rs.getLong("id"), rs.getString("name"), HubType.valueOf(rs.getString("hub_type")),
                rs.getBoolean("online"), rs.getInt("max_sessions"), rs.getBoolean("no_enum"),
                Optional.ofNullable(rs.getBytes("admin_password_hash")),
                Optional.ofNullable(rs.getBytes("admin_secure_password")),
                DbTime.instant(rs, "created_at"), DbTime.instant(rs, "updated_at"), rs.getLong("login_count"),
                rs.getInt("max_sessions_per_user"));
    }
}
