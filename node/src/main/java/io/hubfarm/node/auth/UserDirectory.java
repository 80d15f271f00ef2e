package io.hubfarm.node.auth;

import io.hubfarm.schema.hub.HubUser;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.hub.UsersVersion;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub users this node has looked up, kept until the users table changes. {@link #refresh()}
 * (run every second) compares the table's fingerprint and drops everything on any change, so a
 * deleted user or a new password takes effect within a second, while a burst of logins costs one
 * query per distinct user. Unknown users are remembered too, so guessing names does not reach the
 * database either.
 */
public final class UserDirectory {
    static final int MAX_ENTRIES = 100_000;
    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

    private final HubUserRepository users;
    private final ConcurrentHashMap<String, Optional<HubUser>> cache = new ConcurrentHashMap<>();
    private volatile UsersVersion version;

    public UserDirectory(HubUserRepository users) {
        this.users = users;
    }

    /** @throws io.hubfarm.schema.DatabaseException when the user is not cached and the database cannot answer */
    public Optional<HubUser> find(long hubId, String hubName, String userName) {
        String key = hubId + "/" + userName.toLowerCase(Locale.ROOT);
        Optional<HubUser> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<HubUser> found = users.find(hubName, userName).filter(u -> u.hubId() == hubId);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key, found);
        return found;
    }

    /** Drops the cache if any user changed since the last call. */
    public void refresh() {
        UsersVersion now = users.version();
        UsersVersion before = version;
        version = now;
        if (before != null && !before.equals(now)) {
            log.debug("Users changed ({} -> {}): dropping {} cached entries", before, now, cache.size());
            cache.clear();
        }
    }

    public int cachedEntries() {
        return cache.size();
    }
}
