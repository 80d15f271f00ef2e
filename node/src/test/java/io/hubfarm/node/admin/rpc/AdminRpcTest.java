package io.hubfarm.node.admin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.node.admin.AdminPasswordBootstrap;
import io.hubfarm.node.auth.SoftEtherPasswords;
import io.hubfarm.node.cluster.NodeCommandRunner;
import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.softether.AdminConsole;
import io.hubfarm.node.protocol.softether.AdminLoginRequest;
import io.hubfarm.node.protocol.softether.LoginRefusedException;
import io.hubfarm.node.protocol.softether.SoftEtherError;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.audit.AuditEntry;
import io.hubfarm.schema.audit.AuditLog;
import io.hubfarm.schema.bridge.NetworkDevice;
import io.hubfarm.schema.bridge.NodeDeviceRepository;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.NodeRegistration;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.command.NodeCommandRepository;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.session.NewSession;
import io.hubfarm.schema.session.SessionRepository;
import io.hubfarm.schema.testing.TestDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin RPC against a real database: logins, the hub and user functions, hub-admin confinement, the audit log. */
class AdminRpcTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase(2, true);
    private static final byte[] CHALLENGE = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233");
    private static AdminLogins logins;
    private static NodeRow self;

    private final InetSocketAddress client = new InetSocketAddress(InetAddress.ofLiteral("198.51.100.4"), 40000);

    @BeforeAll
    static void cluster() {
        new ClusterSettings(db.jdbi()).put(AdminPasswordBootstrap.SETTING,
                HexFormat.of().formatHex(SoftEtherPasswords.adminHash("server-pw")));
        self = new NodeRepository(db.jdbi()).register(new NodeRegistration("adm-n1", "127.0.0.1:5555", null,
                "5555", 100, 4096, false, "test"), Duration.ofSeconds(5));
        logins = AdminRpc.logins(db.database(), () -> self, NodeClock.system());
    }

    @Test
    void theServerAdministratorCreatesHubsAndUsersAndEveryChangeIsAudited() {
        AdminConsole admin = serverAdmin();
        assertThat(admin.call(call("GetServerInfo").build()).getInt("ServerType", -1)).isEqualTo(1);
        assertThat(admin.call(call("GetCaps").build()).getInt("caps_b_support_cluster", 0)).isEqualTo(1);

        Pack created = admin.call(call("CreateHub").putStr("HubName", "RPCSTATIC").putInt("HubType", 1)
                .putData("HashedPassword", SoftEtherPasswords.adminHash("hub-pw"))
                .putData("SecurePassword", SoftEtherPasswords.userHash("administrator", "hub-pw"))
                .putInt("Online", 1).build());
        assertThat(created.findInt("error")).isEmpty();
        assertThat(created.findData("HashedPassword")).as("passwords are not echoed").isEmpty();
        assertThat(error(admin.call(call("CreateHub").putStr("HubName", "rpcstatic").putInt("HubType", 1).build())))
                .isEqualTo(SoftEtherError.HUB_ALREADY_EXISTS.code());
        assertThat(new HubRepository(db.jdbi()).find("RPCSTATIC").orElseThrow().type()).isEqualTo(HubType.STATIC);

        Pack hub = admin.call(call("GetHub").putStr("HubName", "RPCSTATIC").build());
        assertThat(hub.getInt("HubType", 0)).isEqualTo(1);
        assertThat(hub.getData("HashedPassword", null)).as("hashes never leave the database").containsOnly(0);
        assertThat(error(admin.call(call("SetHub").putStr("HubName", "RPCSTATIC").putInt("HubType", 2)
                .putData("HashedPassword", new byte[20]).putData("SecurePassword", new byte[20]).build())))
                .as("a hub's type is fixed").isEqualTo(33);

        Pack user = admin.call(call("CreateUser").putStr("HubName", "RPCSTATIC").putStr("Name", "bob").putInt("AuthType", 1)
                .putData("HashedKey", SoftEtherPasswords.userHash("bob", "bob-pw")).putData("NtLmSecureHash", new byte[16])
                .putUniStr("Realname", "Bob Real").putUniStr("Note", "a note").build());
        assertThat(user.findInt("error")).isEmpty();
        Pack got = admin.call(call("GetUser").putStr("HubName", "RPCSTATIC").putStr("Name", "BOB").build());
        assertThat(got.getStr("Name", "")).isEqualTo("bob");
        assertThat(got.getUniStr("Realname", "")).isEqualTo("Bob Real");
        assertThat(got.getData("HashedKey", null)).containsOnly(0);
        // vpncmd's UserSet sends back what GetUser gave, zero hash included: the password stays
        assertThat(admin.call(call("SetUser").putStr("HubName", "RPCSTATIC").putStr("Name", "bob").putInt("AuthType", 1)
                .putData("HashedKey", new byte[20]).putUniStr("Note", "changed").build()).findInt("error")).isEmpty();
        assertThat(new io.hubfarm.schema.hub.HubUserRepository(db.jdbi()).find("RPCSTATIC", "bob").orElseThrow()
                .passwordHash()).hasValueSatisfying(h -> assertThat(h).isEqualTo(SoftEtherPasswords.userHash("bob", "bob-pw")));
        Pack users = admin.call(call("EnumUser").putStr("HubName", "RPCSTATIC").build());
        assertThat(users.getStrArray("Name")).containsExactly("bob");
        assertThat(users.getUniStrArray("Note")).containsExactly("changed");
        assertThat(error(admin.call(call("CreateUser").putStr("HubName", "RPCSTATIC").putStr("Name", "cert")
                .putInt("AuthType", 2).build()))).as("certificate users do not exist yet").isEqualTo(7);
        assertThat(error(admin.call(call("GetUser").putStr("HubName", "NOSUCHHUB").putStr("Name", "bob").build())))
                .isEqualTo(8);
        assertThat(error(admin.call(call("CreateListener").build()))).as("unknown function").isEqualTo(33);

        List<AuditEntry> audit = new AuditLog(db.jdbi()).recent(10);
        assertThat(audit).extracting(AuditEntry::action).contains("hub.create", "user.create", "user.set");
        assertThat(audit).filteredOn(e -> e.action().equals("hub.create")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("server-admin");
            assertThat(e.sourceAddress()).isEqualTo("198.51.100.4");
            assertThat(e.nodeName()).isEqualTo("adm-n1");
            assertThat(e.target()).isEqualTo("RPCSTATIC");
        });
    }

    @Test
    void aHubAdministratorSeesAndChangesOnlyItsOwnHub() {
        AdminConsole server = serverAdmin();
        for (String name : List.of("MINE", "THEIRS")) {
            server.call(call("CreateHub").putStr("HubName", name).putInt("HubType", 2)
                    .putStr("AdminPasswordPlainText", name.toLowerCase() + "-pw").build());
        }
        AdminConsole mine = logins.login(request(Optional.of("mine"), SoftEtherPasswords.adminHash("mine-pw")), CHALLENGE,
                new InetSocketAddress(InetAddress.ofLiteral("198.51.100.9"), 1));

        assertThat(mine.call(call("EnumHub").build()).getStrArray("HubName")).containsExactly("MINE");
        assertThat(mine.call(call("GetHubStatus").putStr("HubName", "MINE").build()).getInt("HubType", 0)).isEqualTo(2);
        assertThat(error(mine.call(call("GetHubStatus").putStr("HubName", "THEIRS").build()))).isEqualTo(52);
        assertThat(error(mine.call(call("EnumUser").putStr("HubName", "THEIRS").build()))).isEqualTo(52);
        assertThat(error(mine.call(call("DeleteHub").putStr("HubName", "MINE").build()))).isEqualTo(52);
        assertThat(error(mine.call(call("CreateHub").putStr("HubName", "MORE").putInt("HubType", 1).build()))).isEqualTo(52);
        assertThat(error(mine.call(call("GetServerStatus").build()))).isEqualTo(52);
        assertThat(mine.call(call("SetHubOnline").putStr("HubName", "MINE").putInt("Online", 0).build()).findInt("error"))
                .isEmpty();
        assertThat(new HubRepository(db.jdbi()).find("MINE").orElseThrow().online()).isFalse();
    }

    @Test
    void aWrongPasswordIsError12AnsweredLaterAndLaterFromTheSameAddress() {
        InetSocketAddress guesser = new InetSocketAddress(InetAddress.ofLiteral("203.0.113.66"), 5);
        AdminLoginRequest wrong = request(Optional.empty(), SoftEtherPasswords.adminHash("guess"));
        assertThatThrownBy(() -> logins.login(wrong, CHALLENGE, guesser)).isInstanceOfSatisfying(LoginRefusedException.class,
                e -> {
                    assertThat(e.error()).isEqualTo(SoftEtherError.ACCESS_DENIED);
                    assertThat(e.delay()).isEqualTo(Duration.ofMillis(500));
                });
        assertThatThrownBy(() -> logins.login(wrong, CHALLENGE, guesser)).isInstanceOfSatisfying(LoginRefusedException.class,
                e -> assertThat(e.delay()).isEqualTo(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> logins.login(request(Optional.of("NOSUCHHUB"), new byte[20]), CHALLENGE, guesser))
                .isInstanceOfSatisfying(LoginRefusedException.class, e -> {
                    assertThat(e.error()).isEqualTo(SoftEtherError.HUB_NOT_FOUND);
                    assertThat(e.delay()).as("guessing hub names counts too").isEqualTo(Duration.ofSeconds(2));
                });
        for (int i = 3; i < LoginThrottle.LOCKOUT_AFTER; i++) {
            assertThatThrownBy(() -> logins.login(wrong, CHALLENGE, guesser)).isInstanceOf(LoginRefusedException.class);
        }
        AdminLoginRequest right = request(Optional.empty(), SoftEtherPasswords.adminHash("server-pw"));
        assertThatThrownBy(() -> logins.login(right, CHALLENGE, guesser)).as("locked out, even with the right password")
                .isInstanceOfSatisfying(LoginRefusedException.class, e -> assertThat(e.error()).isEqualTo(SoftEtherError.ACCESS_DENIED));
        assertThat(logins.login(right, CHALLENGE, client)).as("another address is not locked out").isNotNull();
    }

    @Test
    void sessionsOfEveryNodeAreListedAndAnotherNodesSessionIsDisconnectedThroughANodeCommand() throws Exception {
        AdminConsole admin = serverAdmin();
        admin.call(call("CreateHub").putStr("HubName", "SESSIONS").putInt("HubType", 1).build());
        long hub = new HubRepository(db.jdbi()).find("SESSIONS").orElseThrow().id();
        NodeRow other = new NodeRepository(db.jdbi()).register(new NodeRegistration("adm-n2", "127.0.0.2:5555", null,
                "5555", 100, 4096, false, "test"), Duration.ofSeconds(5));
        SessionRepository sessions = new SessionRepository(db.jdbi());
        sessions.open(new NewSession(hub, self.id(), "SID-LOCAL-1", "alice", "192.0.2.7", "laptop", "SoftEther", 2));
        long remote = sessions.open(new NewSession(hub, other.id(), "SID-REMOTE-2", "bob", "2001:db8::9", "", "SoftEther", 1));

        Pack list = admin.call(call("EnumSession").putStr("HubName", "sessions").build());
        assertThat(list.getStrArray("Name")).containsExactly("SID-LOCAL-1", "SID-REMOTE-2");
        assertThat(list.getIntArray("RemoteSession")).containsExactly(0, 1);
        assertThat(list.getStrArray("RemoteHostname")).containsExactly("adm-n1", "adm-n2");
        assertThat(list.getStrArray("Username")).containsExactly("alice", "bob");
        assertThat(list.getIntArray("CurrentNumTcp")).containsExactly(2, 1);
        assertThat(list.getIntArray("Ip@ipv6_bool")).containsExactly(0, 1);

        Pack status = admin.call(call("GetSessionStatus").putStr("HubName", "SESSIONS").putStr("Name", "sid-remote-2").build());
        assertThat(status.getStr("Username", "")).isEqualTo("bob");
        assertThat(status.getInt("NumTcpConnections", 0)).isEqualTo(1);
        assertThat(status.findIp("SessionStatus_ClientIp")).contains(InetAddress.ofLiteral("2001:db8::9"));
        assertThat(error(admin.call(call("GetSessionStatus").putStr("HubName", "SESSIONS").putStr("Name", "SID-NONE").build())))
                .isEqualTo(SoftEtherError.OBJECT_NOT_FOUND.code());

        // The other node's runner, as its VPN stack would poll it.
        List<String> carriedOut = new java.util.concurrent.CopyOnWriteArrayList<>();
        NodeCommandRunner runner = new NodeCommandRunner(new NodeCommandRepository(db.jdbi()), other.id(),
                java.util.Map.of(NodeCommandRunner.DISCONNECT_SESSION, argument -> {
                    carriedOut.add(argument);
                    return "disconnected";
                }));
        Thread node2 = Thread.ofVirtual().start(() -> {
            try {
                while (carriedOut.isEmpty()) {
                    runner.runPending();
                    Thread.sleep(50); // the node's poll interval, shortened
                }
            } catch (InterruptedException e) {
                // the test is over
            }
        });
        try {
            Pack deleted = admin.call(call("DeleteSession").putStr("HubName", "SESSIONS").putStr("Name", "SID-REMOTE-2").build());
            assertThat(deleted.findInt("error")).isEmpty();
        } finally {
            node2.interrupt();
            node2.join();
        }
        assertThat(carriedOut).containsExactly(Long.toString(remote));
        assertThat(new AuditLog(db.jdbi()).recent(5)).filteredOn(e -> e.action().equals("session.disconnect"))
                .singleElement().satisfies(e -> {
                    assertThat(e.target()).isEqualTo("SESSIONS/SID-REMOTE-2");
                    assertThat(e.detail()).isEqualTo("on node adm-n2: disconnected");
                });

        admin.call(call("CreateHub").putStr("HubName", "SESSADM").putInt("HubType", 1)
                .putStr("AdminPasswordPlainText", "sessadm-pw").build());
        AdminConsole hubAdmin = logins.login(request(Optional.of("SESSADM"), SoftEtherPasswords.adminHash("sessadm-pw")),
                CHALLENGE, client);
        assertThat(error(hubAdmin.call(call("EnumSession").putStr("HubName", "SESSIONS").build()))).isEqualTo(52);
        assertThat(error(hubAdmin.call(call("DeleteSession").putStr("HubName", "SESSIONS").putStr("Name", "SID-LOCAL-1")
                .build()))).isEqualTo(52);
        assertThat(hubAdmin.call(call("EnumSession").putStr("HubName", "SESSADM").build()).getStrArray("Name")).isEmpty();
    }

    @Test
    void theClusterFunctionsDescribeTheNodesTheLeaseAndThisNodesDatabaseConnection() {
        AdminConsole admin = serverAdmin();
        admin.call(call("CreateHub").putStr("HubName", "FARMSTATIC").putInt("HubType", 1).build());

        Pack members = admin.call(call("EnumFarmMember").build());
        assertThat(members.getStrArray("Hostname")).contains("adm-n1");
        int index = members.getStrArray("Hostname").indexOf("adm-n1");
        assertThat(members.getIntArray("Id")[index]).isEqualTo((int) self.id());
        assertThat(members.findIp("Ip")).as("the first row's address").isPresent();

        Pack info = admin.call(call("GetFarmInfo").putInt("Id", (int) self.id()).build());
        assertThat(info.getStr("Hostname", "")).isEqualTo("adm-n1");
        assertThat(info.getIntArray("Ports")).containsExactly(5555);
        assertThat(info.getStrArray("HubName")).contains("FARMSTATIC");
        assertThat(info.findIp("Ip")).contains(InetAddress.ofLiteral("127.0.0.1"));
        assertThat(error(admin.call(call("GetFarmInfo").putInt("Id", 987654).build())))
                .isEqualTo(SoftEtherError.OBJECT_NOT_FOUND.code());

        Pack connection = admin.call(call("GetFarmConnectionStatus").build());
        assertThat(connection.getBool("Online", false)).isTrue();
        assertThat(connection.getInt("NumTry", 0)).isEqualTo(1);
        assertThat(connection.getInt("NumConnected", 0)).isEqualTo(1);
        assertThat(connection.getInt("NumFailed", -1)).isZero();
        assertThat(connection.getInt("Port", 0)).isEqualTo(Integer.parseInt(
                db.database().url().hostPart().replaceAll(".*:", "")));

        ControllerLeaseRepository leases = new ControllerLeaseRepository(db.jdbi());
        if (leases.current().holderId().isEmpty()) {
            assertThat(admin.call(call("GetFarmSetting").build()).getInt("ServerType", 0)).as("not the lease holder")
                    .isEqualTo(2);
        }
        leases.tryAcquire(self.id(), Duration.ofMinutes(5));
        Pack setting = admin.call(call("GetFarmSetting").build());
        assertThat(setting.getInt("ServerType", 0)).isEqualTo(1);
        assertThat(setting.getInt("Weight", 0)).isEqualTo(100);
        assertThat(setting.getIntArray("Ports")).containsExactly(5555);

        Pack changed = admin.call(call("SetFarmSetting").putInt("ServerType", 1).putInt("Weight", 250)
                .putInt("ControllerOnly", 1).build());
        assertThat(changed.getInt("Weight", 0)).isEqualTo(250);
        NodeRow row = new NodeRepository(db.jdbi()).find(self.id()).orElseThrow();
        assertThat(row.weight()).isEqualTo(250);
        assertThat(row.controllerOnly()).isTrue();
        assertThat(error(admin.call(call("SetFarmSetting").putInt("ServerType", 2).putStr("ControllerName", "10.0.0.1")
                .putInt("ControllerPort", 5555).build()))).as("no controller address in a database cluster").isEqualTo(33);
        assertThat(error(admin.call(call("SetFarmSetting").putInt("ServerType", 0).build()))).as("no standalone mode")
                .isEqualTo(33);
        assertThat(error(admin.call(call("SetFarmSetting").putInt("ServerType", 1).putInt("Weight", 10_001).build())))
                .isEqualTo(SoftEtherError.INVALID_PARAMETER.code());
        admin.call(call("SetFarmSetting").putInt("ServerType", 1).putInt("Weight", 100).putInt("ControllerOnly", 0).build());
        assertThat(new AuditLog(db.jdbi()).recent(20)).extracting(AuditEntry::action).contains("node.balancing");
    }

    @Test
    void localBridgesAreDefinedListedAndRemovedForTheNodeTheAdministratorIsConnectedTo() {
        AdminConsole admin = serverAdmin();
        admin.call(call("CreateHub").putStr("HubName", "BRSTATIC").putInt("HubType", 1).build());
        admin.call(call("CreateHub").putStr("HubName", "BRDYNAMIC").putInt("HubType", 2).build());
        new NodeDeviceRepository(db.jdbi()).replace(self.id(),
                List.of(new NetworkDevice("eth9", "ethernet", "02:00:00:00:00:09", 1500, true)));

        Pack devices = admin.call(call("EnumEthernet").build());
        assertThat(devices.getInt("NumItem", 0)).isEqualTo(1);
        assertThat(devices.getStrArray("DeviceName")).containsExactly("eth9");

        Pack added = admin.call(call("AddLocalBridge").putStr("DeviceName", "eth9").putStr("HubNameLB", "brstatic")
                .putInt("TapMode", 0).build());
        assertThat(added.findInt("error")).isEmpty();
        assertThat(admin.call(call("AddLocalBridge").putStr("DeviceName", "brtap").putStr("HubNameLB", "BRSTATIC")
                .putInt("TapMode", 1).build()).findInt("error")).isEmpty();
        assertThat(error(admin.call(call("AddLocalBridge").putStr("DeviceName", "eth9").putStr("HubNameLB", "BRSTATIC")
                .build()))).isEqualTo(SoftEtherError.OBJECT_EXISTS.code());
        assertThat(error(admin.call(call("AddLocalBridge").putStr("DeviceName", "eth8").putStr("HubNameLB", "BRDYNAMIC")
                .build()))).as("a dynamic hub cannot be bridged").isEqualTo(33);
        assertThat(error(admin.call(call("AddLocalBridge").putStr("DeviceName", "eth8").putStr("HubNameLB", "NOHUB")
                .build()))).isEqualTo(8);

        Pack bridges = admin.call(call("EnumLocalBridge").build());
        assertThat(bridges.getStrArray("DeviceName")).containsExactly("brtap", "eth9");
        assertThat(bridges.getStrArray("HubNameLB")).containsExactly("BRSTATIC", "BRSTATIC");
        assertThat(bridges.getIntArray("TapMode")).containsExactly(1, 0);
        assertThat(bridges.getIntArray("Active")).as("no node has started them").containsExactly(0, 0);

        assertThat(admin.call(call("DeleteLocalBridge").putStr("DeviceName", "eth9").putStr("HubNameLB", "BRSTATIC").build())
                .findInt("error")).isEmpty();
        assertThat(error(admin.call(call("DeleteLocalBridge").putStr("DeviceName", "eth9").putStr("HubNameLB", "BRSTATIC")
                .build()))).isEqualTo(SoftEtherError.OBJECT_NOT_FOUND.code());
        assertThat(admin.call(call("EnumLocalBridge").build()).getStrArray("DeviceName")).containsExactly("brtap");
        assertThat(new AuditLog(db.jdbi()).recent(30)).extracting(AuditEntry::action)
                .contains("bridge.create", "bridge.delete");

        admin.call(call("CreateHub").putStr("HubName", "BRADMIN").putInt("HubType", 1)
                .putStr("AdminPasswordPlainText", "bradmin-pw").build());
        AdminConsole hubAdmin = logins.login(request(Optional.of("BRADMIN"), SoftEtherPasswords.adminHash("bradmin-pw")),
                CHALLENGE, client);
        assertThat(error(hubAdmin.call(call("AddLocalBridge").putStr("DeviceName", "eth7").putStr("HubNameLB", "BRADMIN")
                .build()))).isEqualTo(52);
        assertThat(error(hubAdmin.call(call("EnumFarmMember").build()))).isEqualTo(52);
    }

    @Test
    void theServerPasswordChangesForEveryNodeAndCannotBeMadeEmpty() {
        AdminConsole admin = serverAdmin();
        assertThat(error(admin.call(call("SetServerPassword").putData("HashedPassword", SoftEtherPasswords.adminHash(""))
                .build()))).isEqualTo(SoftEtherError.INVALID_PARAMETER.code());
        try {
            assertThat(admin.call(call("SetServerPassword").putData("HashedPassword",
                    SoftEtherPasswords.adminHash("new-server-pw")).build()).findInt("error")).isEmpty();
            assertThatThrownBy(this::serverAdmin).isInstanceOf(LoginRefusedException.class);
            InetSocketAddress other = new InetSocketAddress(InetAddress.ofLiteral("198.51.100.77"), 1);
            assertThat(logins.login(request(Optional.empty(), SoftEtherPasswords.adminHash("new-server-pw")), CHALLENGE,
                    other)).isNotNull();
            assertThat(new AuditLog(db.jdbi()).recent(10)).extracting(AuditEntry::action).contains("server.password");
        } finally {
            new ClusterSettings(db.jdbi()).put(AdminPasswordBootstrap.SETTING,
                    HexFormat.of().formatHex(SoftEtherPasswords.adminHash("server-pw")));
        }
    }

    private AdminConsole serverAdmin() {
        return logins.login(request(Optional.empty(), SoftEtherPasswords.adminHash("server-pw")), CHALLENGE, client);
    }

    private static AdminLoginRequest request(Optional<String> hub, byte[] storedHash) {
        return new AdminLoginRequest(hub, SoftEtherPasswords.proof(storedHash, CHALLENGE), "test");
    }

    private static io.hubfarm.node.protocol.pack.PackBuilder call(String function) {
        return Pack.builder().putStr("function_name", function);
    }

    private static int error(Pack reply) {
        return reply.getInt("error", 0);
    }
}
