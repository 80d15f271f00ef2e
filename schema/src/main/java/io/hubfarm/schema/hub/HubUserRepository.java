package io.hubfarm.schema.hub;

import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.DbTime;
import io.hubfarm.schema.Duplicates;
import io.hubfarm.schema.Names;
import io.hubfarm.schema.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The users of each hub. User names are unique per hub without regard to case. */
public final class HubUserRepository {
    private static final String SELECT = """
            SELECT u.id, u.hub_id, u.name, u.auth_type, u.password_hash, u.nt_hash, u.real_name, u.note,
                   u.group_name, u.expires_at, u.created_at, u.updated_at, u.login_count
            FROM hub_users u JOIN hubs h ON h.id = u.hub_id""";

    private final Jdbi jdbi;

    public HubUserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public HubUser create(String hubName, NewHubUser user) {
        Names.user(user.name());
        try {
            return jdbi.inTransaction(h -> {
                long hubId = hubId(h, hubName);
                h.createUpdate("""
                        INSERT INTO hub_users (hub_id, name, auth_type, password_hash, nt_hash, real_name, note, group_name)
                        VALUES (:hub, :name, :auth, :hash, :nt, :realName, :note, :group)""")
                        .bind("hub", hubId).bind("name", user.name()).bind("auth", user.authType().name())
                        .bind("hash", user.passwordHash().orElse(null)).bind("nt", user.ntHash().orElse(null))
                        .bind("realName", user.realName()).bind("note", user.note()).bind("group", user.groupName())
                        .execute();
                return h.createQuery(SELECT + " WHERE u.hub_id = :hub AND u.name = :name")
                        .bind("hub", hubId).bind("name", user.name()).map((rs, ctx) -> map(rs)).one();
            });
        } catch (UnableToExecuteStatementException e) {
            if (Duplicates.isDuplicateKey(e)) {
                throw new ConflictException("user '" + user.name() + "' already exists on hub '" + hubName + "'", e);
            }
            throw e;
        }
    }

    public Optional<HubUser> find(String hubName, String userName) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE h.name = :hub AND u.name = :name")
                .bind("hub", hubName).bind("name", userName).map((rs, ctx) -> map(rs)).findOne());
    }

    public List<HubUser> list(String hubName) {
        return jdbi.withHandle(h -> {
            hubId(h, hubName);
            return h.createQuery(SELECT + " WHERE h.name = :hub ORDER BY u.name")
                    .bind("hub", hubName).map((rs, ctx) -> map(rs)).list();
        });
    }

    /** Makes the user a password user with these hashes (spec 3.4). */
    public void setPassword(String hubName, String userName, byte[] passwordHash, byte[] ntHash) {
        if (passwordHash == null || passwordHash.length != 20) {
            throw new IllegalArgumentException("a password hash is 20 bytes");
        }
        int rows = jdbi.withHandle(h -> h.createUpdate("""
                UPDATE hub_users u JOIN hubs h ON h.id = u.hub_id
                SET u.auth_type = 'PASSWORD', u.password_hash = :hash, u.nt_hash = :nt
                WHERE h.name = :hub AND u.name = :name""")
                .bind("hub", hubName).bind("name", userName).bind("hash", passwordHash).bind("nt", ntHash)
                .execute());
        if (rows == 0) {
            throw notFound(hubName, userName);
        }
    }

    /**
     * Rewrites a user's authentication and descriptive fields. A password user given without a
     * hash keeps its current one (an administrator changing the note does not know the hash);
     * a user becoming a password user without one is refused.
     *
     * @throws NotFoundException if the hub or user does not exist
     */
    public HubUser update(String hubName, String userName, UserAuthType authType, Optional<byte[]> passwordHash,
                          Optional<byte[]> ntHash, String realName, String note, String groupName) {
        passwordHash.ifPresent(h -> {
            if (h.length != 20) {
                throw new IllegalArgumentException("a password hash is 20 bytes");
            }
        });
        return jdbi.inTransaction(h -> {
            HubUser current = h.createQuery(SELECT + " WHERE h.name = :hub AND u.name = :name FOR UPDATE")
                    .bind("hub", hubName).bind("name", userName).map((rs, ctx) -> map(rs)).findOne()
                    .orElseThrow(() -> notFound(hubName, userName));
            Optional<byte[]> hash = authType == UserAuthType.PASSWORD ? passwordHash.or(current::passwordHash)
                    : Optional.empty();
            if (authType == UserAuthType.PASSWORD && hash.isEmpty()) {
                throw new IllegalArgumentException("user '" + userName + "' has no password yet: give one");
            }
            Optional<byte[]> nt = authType == UserAuthType.PASSWORD
                    ? (passwordHash.isPresent() ? ntHash : current.ntHash()) : Optional.empty();
            h.createUpdate("""
                    UPDATE hub_users SET auth_type = :auth, password_hash = :hash, nt_hash = :nt,
                           real_name = :realName, note = :note, group_name = :group
                    WHERE id = :id""")
                    .bind("id", current.id()).bind("auth", authType.name()).bind("hash", hash.orElse(null))
                    .bind("nt", nt.orElse(null)).bind("realName", realName).bind("note", note)
                    .bind("group", groupName).execute();
            return h.createQuery(SELECT + " WHERE u.id = :id").bind("id", current.id()).map((rs, ctx) -> map(rs)).one();
        });
    }

    public void delete(String hubName, String userName) {
        int rows = jdbi.withHandle(h -> h.createUpdate("""
                DELETE u FROM hub_users u JOIN hubs h ON h.id = u.hub_id WHERE h.name = :hub AND u.name = :name""")
                .bind("hub", hubName).bind("name", userName).execute());
        if (rows == 0) {
            throw notFound(hubName, userName);
        }
    }

    /** Users per hub id, in one query; hubs without users are absent. */
    public Map<Long, Integer> countByHub() {
        Map<Long, Integer> counts = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT hub_id, COUNT(*) AS n FROM hub_users GROUP BY hub_id")
                .map((rs, ctx) -> Map.entry(rs.getLong("hub_id"), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /**
     * Changes whenever a user is created, changed or deleted (deleting changes the count; the
     * others move MAX(updated_at)). Login bookkeeping must keep updated_at unchanged so that it
     * does not count as a change.
     */
    public UsersVersion version() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) AS n, MAX(updated_at) AS latest FROM hub_users")
                .map((rs, ctx) -> new UsersVersion(rs.getLong("n"),
                        Optional.ofNullable(DbTime.instant(rs, "latest")).orElse(Instant.EPOCH)))
                .one());
    }

    private static long hubId(Handle h, String hubName) {
        return h.createQuery("SELECT id FROM hubs WHERE name = :name").bind("name", hubName)
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> new NotFoundException("hub '" + hubName + "' does not exist"));
    }

    private static NotFoundException notFound(String hubName, String userName) {
        return new NotFoundException("user '" + userName + "' does not exist on hub '" + hubName + "'");
    }

    private static HubUser map(ResultSet rs) throws SQLException {
        Instant expires = DbTime.instant(rs, "expires_at");
        return new HubUser(rs.getLong("id"), rs.getLong("hub_id"), rs.getString("name"),
                UserAuthType.valueOf(rs.getString("auth_type")),
                Optional.ofNullable(rs.getBytes("password_hash")), Optional.ofNullable(rs.getBytes("nt_hash")),
                rs.getString("real_name"), rs.getString("note"), rs.getString("group_name"),
                Optional.ofNullable(expires), DbTime.instant(rs, "created_at"), DbTime.instant(rs, "updated_at"),
                rs.getLong("login_count"));
    }
}
