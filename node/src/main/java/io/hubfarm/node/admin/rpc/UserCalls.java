package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.pack.PackBuilder;
import io.hubfarm.node.protocol.softether.ClientText;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.node.protocol.softether.SoftEtherTime;
import io.hubfarm.schema.ConflictException;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubUser;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.hub.NewHubUser;
import io.hubfarm.schema.hub.UserAuthType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The user functions: CreateUser, SetUser, GetUser, DeleteUser, EnumUser, for password and
 * anonymous users (SoftEther's auth types 1 and 0; certificates, RADIUS and NT domain are refused
 * with error 7 until hubfarm has them). A user's password hashes never leave the database: GetUser
 * answers them with zeros, and SetUser with zeros keeps the stored ones, which is what vpncmd's
 * read-modify-write commands (UserSet, UserPasswordSet) rely on.
 */
public final class UserCalls {
    static final int AUTH_ANONYMOUS = 0;
    static final int AUTH_PASSWORD = 1;
    private static final int MAX_REAL_NAME = 255;
    private static final int MAX_NOTE = 1024;
    private static final int MAX_GROUP = 64;

    private final HubRepository hubs;
    private final HubUserRepository users;
    private final AdminAudit audit;

    public UserCalls(HubRepository hubs, HubUserRepository users, AdminAudit audit) {
        this.hubs = hubs;
        this.users = users;
        this.audit = audit;
    }

    public void addTo(AdminFunctions functions) {
        functions.add("CreateUser", this::create)
                .add("SetUser", this::set)
                .add("GetUser", this::get)
                .add("DeleteUser", this::delete)
                .add("EnumUser", this::enumerate);
    }

    private record Fields(String name, UserAuthType authType, Optional<byte[]> hash, Optional<byte[]> ntHash,
                          String realName, String note, String group) {
    }

    private Fields fields(AdminRequest request) {
        Pack p = request.pack();
        String name = request.str("Name");
        int code = p.getInt("AuthType", AUTH_PASSWORD);
        UserAuthType type = switch (code) {
            case AUTH_ANONYMOUS -> UserAuthType.ANONYMOUS;
            case AUTH_PASSWORD -> UserAuthType.PASSWORD;
            default -> throw new AdminRpcException(SoftEtherError.AUTHTYPE_NOT_SUPPORTED, "user '"
                    + ClientText.printable(name) + "': auth type " + code
                    + " (certificate, RADIUS or NT domain) is not supported by hubfarm yet; use password (1) or anonymous (0)");
        };
        Optional<byte[]> hash = Optional.of(p.getData("HashedKey", new byte[0]))
                .filter(h -> h.length == 20 && !HubCalls.allZero(h));
        Optional<byte[]> nt = Optional.of(p.getData("NtLmSecureHash", new byte[0]))
                .filter(h -> h.length == 16 && !HubCalls.allZero(h));
        String realName = limited(p.getUniStr("Realname", ""), MAX_REAL_NAME, "Realname");
        String note = limited(p.getUniStr("Note", ""), MAX_NOTE, "Note");
        String group = limited(p.getStr("GroupName", ""), MAX_GROUP, "GroupName");
        if (!group.isEmpty()) {
            throw new AdminRpcException(SoftEtherError.NOT_SUPPORTED, "user '" + ClientText.printable(name)
                    + "': groups are not supported by hubfarm yet");
        }
        return new Fields(name, type, hash, type == UserAuthType.PASSWORD ? nt : Optional.empty(), realName, note, group);
    }

    Pack create(AdminRequest request) {
        String hub = existingHub(request);
        Fields f = fields(request);
        if (f.authType() == UserAuthType.PASSWORD && f.hash().isEmpty()) {
            throw new AdminRpcException(SoftEtherError.INVALID_PARAMETER, "password user '"
                    + ClientText.printable(f.name()) + "' without a 20-byte HashedKey");
        }
        try {
            users.create(hub, new NewHubUser(f.name(), f.authType(), f.hash(), f.ntHash(), f.realName(), f.note(),
                    f.group()));
        } catch (ConflictException e) {
            throw new AdminRpcException(SoftEtherError.USER_ALREADY_EXISTS, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new AdminRpcException(SoftEtherError.INVALID_NAME, "user name '" + ClientText.printable(f.name())
                    + "': " + e.getMessage());
        }
        audit.changed(request, "user.create", hub + "/" + f.name(), f.authType().name().toLowerCase(java.util.Locale.ROOT));
        return userPack(hub, users.find(hub, f.name()).orElseThrow());
    }

    Pack set(AdminRequest request) {
        String hub = existingHub(request);
        Fields f = fields(request);
        HubUser before = find(hub, f.name());
        HubUser after;
        try {
            after = users.update(hub, before.name(), f.authType(), f.hash(), f.ntHash(), f.realName(), f.note(), f.group());
        } catch (IllegalArgumentException e) {
            throw new AdminRpcException(SoftEtherError.INVALID_PARAMETER, e.getMessage());
        }
        boolean passwordChanged = f.hash().isPresent() && !java.util.Arrays.equals(f.hash().get(),
                before.passwordHash().orElse(new byte[0]));
        audit.changed(request, "user.set", hub + "/" + after.name(), after.authType().name().toLowerCase(java.util.Locale.ROOT)
                + (passwordChanged ? ", password changed" : ""));
        return userPack(hub, after);
    }

    Pack get(AdminRequest request) {
        String hub = existingHub(request);
        return userPack(hub, find(hub, request.str("Name")));
    }

    Pack delete(AdminRequest request) {
        String hub = existingHub(request);
        HubUser user = find(hub, request.str("Name"));
        users.delete(hub, user.name());
        audit.changed(request, "user.delete", hub + "/" + user.name(), "");
        return Pack.builder().putStr("HubName", hub).putStr("Name", user.name()).build();
    }

    Pack enumerate(AdminRequest request) {
        String hub = existingHub(request);
        List<HubUser> list = users.list(hub);
        int n = list.size();
        List<String> names = new ArrayList<>(n);
        List<String> groups = new ArrayList<>(n);
        List<String> realNames = new ArrayList<>(n);
        List<String> notes = new ArrayList<>(n);
        int[] auth = new int[n];
        int[] logins = new int[n];
        int[] ones = new int[n];
        long[] lastLogin = new long[n];
        long[] expires = new long[n];
        for (int i = 0; i < n; i++) {
            HubUser u = list.get(i);
            names.add(u.name());
            groups.add(u.groupName());
            realNames.add(u.realName());
            notes.add(u.note());
            auth[i] = authCode(u.authType());
            logins[i] = (int) Math.min(Integer.MAX_VALUE, u.loginCount());
            ones[i] = 1;
            expires[i] = u.expiresAt().map(SoftEtherTime::of).orElse(0L);
        }
        PackBuilder b = Pack.builder().putStr("HubName", hub)
                .putStrArray("Name", names)
                .putStrArray("GroupName", groups)
                .putUniStrArray("Realname", realNames)
                .putUniStrArray("Note", notes)
                .putIntArray("AuthType", auth)
                .putIntArray("NumLogin", logins)
                .putIntArray("DenyAccess", new int[n])
                .putIntArray("IsTrafficFilled", ones)
                .putIntArray("IsExpiresFilled", ones)
                .putInt64Array("LastLoginTime", lastLogin)
                .putInt64Array("Expires", expires);
        Traffic.putNoneArrays(b, n);
        return b.build();
    }

    private static Pack userPack(String hub, HubUser u) {
        PackBuilder b = Pack.builder()
                .putStr("HubName", hub)
                .putStr("Name", u.name())
                .putStr("GroupName", u.groupName())
                .putUniStr("Realname", u.realName())
                .putUniStr("Note", u.note())
                .putInt64("CreatedTime", SoftEtherTime.of(u.createdAt()))
                .putInt64("UpdatedTime", SoftEtherTime.of(u.updatedAt()))
                .putInt64("ExpireTime", u.expiresAt().map(SoftEtherTime::of).orElse(0L))
                .putInt("NumLogin", (int) Math.min(Integer.MAX_VALUE, u.loginCount()))
                .putInt("AuthType", authCode(u.authType()));
        if (u.authType() == UserAuthType.PASSWORD) {
            b.putData("HashedKey", new byte[20]).putData("NtLmSecureHash", new byte[16]); // never the real ones
        }
        Traffic.NONE.putInto(b, "");
        return b.build();
    }

    private String existingHub(AdminRequest request) {
        return HubCalls.existing(hubs, request.hubName()).name();
    }

    private HubUser find(String hub, String name) {
        return users.find(hub, name).orElseThrow(() -> new AdminRpcException(SoftEtherError.OBJECT_NOT_FOUND,
                "no user '" + ClientText.printable(name) + "' on hub '" + hub + "'"));
    }

    static int authCode(UserAuthType type) {
        return type == UserAuthType.PASSWORD ? AUTH_PASSWORD : AUTH_ANONYMOUS;
    }

    private static String limited(String value, int max, String field) {
        if (value.length() > max) {
            throw new AdminRpcException(SoftEtherError.INVALID_PARAMETER, field + " is longer than " + max + " characters");
        }
        return value;
    }

}
