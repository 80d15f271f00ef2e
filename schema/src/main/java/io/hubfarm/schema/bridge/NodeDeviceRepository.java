package io.hubfarm.schema.bridge;

import io.hubfarm.schema.DbTime;
import io.hubfarm.schema.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The {@code node_devices} table: the adapters each node reports it can bridge. */
public final class NodeDeviceRepository {
    private final Jdbi jdbi;

    public NodeDeviceRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Replaces a node's whole report in one transaction, so a reader never sees half of it. */
    public void replace(long nodeId, List<NetworkDevice> devices) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM node_devices WHERE node_id = :node").bind("node", nodeId).execute();
            if (devices.isEmpty()) {
                return;
            }
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO node_devices (node_id, name, kind, mac, mtu, link_up)
                    VALUES (:node, :name, :kind, :mac, :mtu, :up)""");
            for (NetworkDevice d : devices) {
                batch.bind("node", nodeId).bind("name", d.name()).bind("kind", d.kind()).bind("mac", d.mac())
                        .bind("mtu", d.mtu()).bind("up", d.linkUp()).add();
            }
            batch.execute();
        });
    }

    /** @throws NotFoundException if there is no such node */
    public DeviceReport report(String nodeName) {
        return jdbi.withHandle(h -> {
            long nodeId = h.createQuery("SELECT id FROM nodes WHERE name = :name").bind("name", nodeName)
                    .mapTo(Long.class).findOne()
                    .orElseThrow(() -> new NotFoundException("node '" + nodeName + "' does not exist"));
            List<NetworkDevice> devices = h.createQuery("""
                    SELECT name, kind, mac, mtu, link_up FROM node_devices WHERE node_id = :node ORDER BY name""")
                    .bind("node", nodeId)
                    .map((rs, ctx) -> new NetworkDevice(rs.getString("name"), rs.getString("kind"), rs.getString("mac"),
                            rs.getInt("mtu"), rs.getBoolean("link_up")))
                    .list();
            Optional<Instant> at = h.createQuery("SELECT MAX(reported_at) AS at FROM node_devices WHERE node_id = :node")
                    .bind("node", nodeId).map((rs, ctx) -> Optional.ofNullable(DbTime.instant(rs, "at"))).one();
            return new DeviceReport(devices, at);
        });
    }

    /**
     * @param reportedAt when the node last wrote its list (database clock); empty if it never has, e.g. a
     *                   node that has not started since this version was installed
     */
    public record DeviceReport(List<NetworkDevice> devices, Optional<Instant> reportedAt) {
    }
}
