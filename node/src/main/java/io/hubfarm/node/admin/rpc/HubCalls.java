package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.pack.PackBuilder;
import io.hubfarm.node.protocol.softether.ClientText;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.node.protocol.softether.SoftEtherTime;
import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.hub.Hub;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.session.SessionRepository;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hub functions: CreateHub, SetHub, GetHub, EnumHub, DeleteHub, GetHubStatus, SetHubOnline.
 * Hubs are cluster-wide rows, so any node changes them for every node. A hub administrator sees
 * and changes only its own hub; creating and deleting hubs is the server administrator's.
 *
 * <p>An empty hub password (vpncmd's HubCreate without /PASSWORD sends the hashes of "") leaves the
 * hub without an administrator password: nobody can log in as its administrator, rather than
 * anybody.
 */
public final class HubCalls {
    static final int HUB_TYPE_STATIC = 1;
    static final int HUB_TYPE_DYNAMIC = 2;
    private static final byte[] EMPTY_PASSWORD_HASH = SoftEtherPasswords.adminHash("");
    private static final byte[] EMPTY_SECURE_PASSWORD = SoftEtherPasswords.userHash("administrator", "");

    private final HubRepository hubs;
    private final HubUserRepository users;
    private final SessionRepository sessions;
    private final AdminAudit audit;

    public HubCalls(HubRepository hubs, HubUserRepository users, SessionRepository sessions, AdminAudit audit) {
        this.hubs = hubs;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
    }

    public void addTo(AdminFunctions functions) {
        functions.add("CreateHub", this::create)
                .add("SetHub", this::set)
                .add("GetHub", this::get)
                .add("EnumHub", this::enumerate)
                .add("DeleteHub", this::delete)
                .add("GetHubStatus", this::status)
                .add("SetHubOnline", this::setOnline);
    }

    Pack create(AdminRequest request) {
        request.requireServerAdministrator();
        String name = request.str("HubName");
        HubType type = switch (request.pack().getInt("HubType", -1)) {
            case HUB_TYPE_STATIC -> HubType.STATIC;
            case HUB_TYPE_DYNAMIC -> HubType.DYNAMIC;
            default -> throw new AdminRpcException(SoftEtherError.INVALID_PARAMETER, "hub type "
                    + request.pack().getInt("HubType", -1) + ": a hubfarm cluster has static (1) and dynamic (2) hubs");
        };
        Passwords passwords = Passwords.of(request.pack());
        int maxSessions = Math.max(0, request.pack().getInt("MaxSession", 0));
        NewHub hub = new NewHub(name, type, request.pack().getBool("Online", true), maxSessions,
                passwords.hash(), passwords.secure(), 0);
        try {
            hubs.create(hub);
        } catch (ConflictException e) {
            throw new AdminRpcException(SoftEtherError.HUB_ALREADY_EXISTS, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new AdminRpcException(SoftEtherError.INVALID_NAME, "hub name '" + ClientText.printable(name) + "': "
                    + e.getMessage());
        }
        audit.changed(request, "hub.create", name, type + (hub.online() ? ", online" : ", offline")
                + (maxSessions > 0 ? ", max " + maxSessions + " sessions" : "")
                + (passwords.hash().isPresent() ? ", admin password set" : ""));
        return echo(request.pack());
    }

    Pack set(AdminRequest request) {
        Hub hub = find(request.hubName());
        int type = request.pack().getInt("HubType", typeCode(hub.type()));
        if (type != typeCode(hub.type())) {
            throw new AdminRpcException(SoftEtherError.NOT_SUPPORTED, "hub '" + hub.name() + "' is " + hub.type()
                    + ": a hub's type is fixed when it is created");
        }
        Passwords passwords = Passwords.of(request.pack());
        boolean keepPassword = passwords.allZero();
        Hub changed = new Hub(hub.id(), hub.name(), hub.type(), request.pack().getBool("Online", hub.online()),
                Math.max(0, request.pack().getInt("MaxSession", hub.maxSessions())),
                request.pack().getBool("NoEnum", hub.noEnum()),
                keepPassword ? hub.adminPasswordHash() : passwords.hash(),
                keepPassword ? hub.adminSecurePassword() : passwords.secure(),
                hub.createdAt(), hub.updatedAt(), hub.loginCount(), hub.maxSessionsPerUser());
        hubs.update(changed);
        audit.changed(request, "hub.set", hub.name(), (changed.online() ? "online" : "offline")
                + ", max sessions " + changed.maxSessions() + (keepPassword ? "" : ", admin password changed"));
        return echo(request.pack());
    }

    Pack get(AdminRequest request) {
        Hub hub = find(request.hubName());
        return Pack.builder()
                .putStr("HubName", hub.name())
                .putData("HashedPassword", new byte[20]) // never sent back
                .putData("SecurePassword", new byte[20])
                .putStr("AdminPasswordPlainText", "")
                .putBool("Online", hub.online())
                .putInt("HubType", typeCode(hub.type()))
                .putInt("MaxSession", hub.maxSessions())
                .putBool("NoEnum", hub.noEnum())
                .build();
    }

    Pack enumerate(AdminRequest request) {
        Map<Long, Integer> sessionCounts = sessions.countByHub();
        Map<Long, Integer> userCounts = users.countByHub();
        List<Hub> visible = hubs.list().stream().filter(h -> request.principal().mayManage(h.name())).toList();
        int n = visible.size();
        List<String> names = new ArrayList<>(n);
        int[] online = new int[n];
        int[] types = new int[n];
        int[] sessionsOf = new int[n];
        int[] usersOf = new int[n];
        int[] logins = new int[n];
        int[] filled = new int[n];
        long[] created = new long[n];
        long[] lastComm = new long[n];
        for (int i = 0; i < n; i++) {
            Hub h = visible.get(i);
            names.add(h.name());
            online[i] = h.online() ? 1 : 0;
            types[i] = typeCode(h.type());
            sessionsOf[i] = sessionCounts.getOrDefault(h.id(), 0);
            usersOf[i] = userCounts.getOrDefault(h.id(), 0);
            logins[i] = (int) Math.min(Integer.MAX_VALUE, h.loginCount());
            filled[i] = 1;
            created[i] = SoftEtherTime.of(h.createdAt());
            lastComm[i] = SoftEtherTime.of(h.updatedAt()); // the last change: hubfarm does not track traffic per hub
        }
        int[] zeros = new int[n];
        long[] zeros64 = new long[n];
        PackBuilder b = Pack.builder()
                .putStrArray("HubName", names)
                .putIntArray("Online", online)
                .putIntArray("HubType", types)
                .putIntArray("NumSessions", sessionsOf)
                .putIntArray("NumUsers", usersOf)
                .putIntArray("NumGroups", zeros)
                .putIntArray("NumMacTables", zeros)
                .putIntArray("NumIpTables", zeros)
                .putIntArray("NumLogin", logins)
                .putIntArray("IsTrafficFilled", filled)
                .putInt64Array("CreatedTime", created)
                .putInt64Array("LastCommTime", lastComm)
                .putInt64Array("LastLoginTime", zeros64); // not tracked per hub yet: "(None)"
        Traffic.putNoneArrays(b, n);
        return b.build();
    }

    Pack delete(AdminRequest request) {
        request.requireServerAdministrator();
        Hub hub = find(request.hubName());
        hubs.delete(hub.name());
        audit.changed(request, "hub.delete", hub.name(), "");
        return Pack.builder().putStr("HubName", hub.name()).build();
    }

    Pack status(AdminRequest request) {
        Hub hub = find(request.hubName());
        PackBuilder b = Pack.builder()
                .putStr("HubName", hub.name())
                .putBool("Online", hub.online())
                .putInt("HubType", typeCode(hub.type()))
                .putInt("NumSessions", sessions.countForHub(hub.name()))
                .putInt("NumSessionsClient", sessions.countForHub(hub.name()))
                .putInt("NumSessionsBridge", 0)
                .putInt("NumAccessLists", 0)
                .putInt("NumUsers", users.countByHub().getOrDefault(hub.id(), 0))
                .putInt("NumGroups", 0)
                .putInt("NumMacTables", 0)
                .putInt("NumIpTables", 0)
                .putInt("SecureNATEnabled", 0)
                .putInt("NumLogin", (int) Math.min(Integer.MAX_VALUE, hub.loginCount()))
                .putInt64("CreatedTime", SoftEtherTime.of(hub.createdAt()))
                .putInt64("LastCommTime", SoftEtherTime.of(hub.updatedAt()))
                .putInt64("LastLoginTime", 0);
        Traffic.NONE.putInto(b, "");
        return b.build();
    }

    Pack setOnline(AdminRequest request) {
        Hub hub = find(request.hubName());
        boolean online = request.pack().getBool("Online", true);
        hubs.setOnline(hub.name(), online);
        audit.changed(request, online ? "hub.online" : "hub.offline", hub.name(), "");
        return Pack.builder().putStr("HubName", hub.name()).putBool("Online", online).build();
    }

    private Hub find(String name) {
        return existing(hubs, name);
    }

    /** The hub of that name, or error 8 (hub not found). */
    static Hub existing(HubRepository hubs, String name) {
        return hubs.find(name).orElseThrow(() -> new AdminRpcException(SoftEtherError.HUB_NOT_FOUND,
                "no hub '" + ClientText.printable(name) + "'"));
    }

    /** An absent hash (no bytes) counts as zero too: vpncmd sends zeros for "unchanged". */
    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    static int typeCode(HubType type) {
        return type == HubType.DYNAMIC ? HUB_TYPE_DYNAMIC : HUB_TYPE_STATIC;
    }

    /** The request's fields, less the password fields, which are never echoed back. */
    private static Pack echo(Pack request) {
        PackBuilder b = Pack.builder();
        request.elements().stream()
                .filter(e -> !e.name().equals("function_name") && !e.name().equals("HashedPassword")
                        && !e.name().equals("SecurePassword") && !e.name().equals("AdminPasswordPlainText"))
                .forEach(b::put);
        return b.build();
    }

    /** The hub password as a request gives it: two hashes, or a plain text to derive them from. */
    private record Passwords(Optional<byte[]> hash, Optional<byte[]> secure, boolean allZero) {
        static Passwords of(Pack pack) {
            String plain = pack.getStr("AdminPasswordPlainText", "");
            byte[] hash = pack.getData("HashedPassword", new byte[0]);
            byte[] secure = pack.getData("SecurePassword", new byte[0]);
            boolean zero = HubCalls.allZero(hash) && HubCalls.allZero(secure);
            if (!plain.isEmpty() || zero) {
                hash = SoftEtherPasswords.adminHash(plain);
                secure = SoftEtherPasswords.userHash("administrator", plain);
            }
            if (hash.length != 20 || secure.length != 20) {
                throw new AdminRpcException(SoftEtherError.INVALID_PARAMETER, "hub password hashes must be 20 bytes");
            }
            if (Arrays.equals(hash, EMPTY_PASSWORD_HASH) || Arrays.equals(secure, EMPTY_SECURE_PASSWORD)) {
                return new Passwords(Optional.empty(), Optional.empty(), zero && plain.isEmpty());
            }
            return new Passwords(Optional.of(hash), Optional.of(secure), zero && plain.isEmpty());
        }
    }
}
