package io.hubfarm.node.admin.rpc;

import io.hubfarm.node.session.SessionDisconnects;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.schema.Database;
import io.hubfarm.schema.audit.AuditLog;
import io.hubfarm.schema.bridge.LocalBridgeRepository;
import io.hubfarm.schema.bridge.NodeDeviceRepository;
import io.hubfarm.schema.cert.CertificateRepository;
import io.hubfarm.schema.cluster.ClusterSettings;
import io.hubfarm.schema.cluster.ControllerLeaseRepository;
import io.hubfarm.schema.cluster.NodeRepository;
import io.hubfarm.schema.cluster.NodeRow;
import io.hubfarm.schema.command.NodeCommandRepository;
import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubUserRepository;
import io.hubfarm.schema.hub.PlacementRepository;
import io.hubfarm.schema.session.SessionRepository;
import java.util.function.Supplier;

/** Assembles the admin RPC of a node (spec §7): its logins and the functions they may call. */
public final class AdminRpc {
    private AdminRpc() {
    }

    public static AdminLogins logins(Database db, Supplier<NodeRow> self, NodeClock clock) {
        HubRepository hubs = new HubRepository(db.jdbi());
        HubUserRepository users = new HubUserRepository(db.jdbi());
        SessionRepository sessions = new SessionRepository(db.jdbi());
        NodeRepository nodes = new NodeRepository(db.jdbi());
        CertificateRepository certificates = new CertificateRepository(db.jdbi());
        AdminAudit audit = new AdminAudit(new AuditLog(db.jdbi()), self.get().name());
        AdminFunctions functions = new AdminFunctions();
        new ServerCalls(self, nodes, hubs, users, certificates, new ClusterSettings(db.jdbi()), audit, clock)
                .addTo(functions);
        new HubCalls(hubs, users, sessions, audit).addTo(functions);
        new UserCalls(hubs, users, audit).addTo(functions);
        new SessionCalls(self, hubs, sessions, new SessionDisconnects(new NodeCommandRepository(db.jdbi()), clock), audit)
                .addTo(functions);
        new ClusterCalls(self, nodes, new ControllerLeaseRepository(db.jdbi()), hubs, new PlacementRepository(db.jdbi()),
                certificates, db.url(), audit).addTo(functions);
        new BridgeCalls(self, hubs, new LocalBridgeRepository(db.jdbi()), new NodeDeviceRepository(db.jdbi()), audit)
                .addTo(functions);
        return new AdminLogins(new ClusterSettings(db.jdbi()), hubs, new LoginThrottle(clock::nanoTime), functions);
    }
}
