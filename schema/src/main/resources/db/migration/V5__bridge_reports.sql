-- What a node reports about its local bridges and the adapters it could bridge. Only the owning node
-- writes these; the CLI and admin RPC of any node read them.

-- Traffic of each bridge, published by its node every few seconds (frames, not bytes, is what an
-- operator checks a bridge with; oversize frames are counted because they are silently lost otherwise).
ALTER TABLE local_bridges ADD COLUMN frames_in BIGINT NOT NULL DEFAULT 0;
ALTER TABLE local_bridges ADD COLUMN frames_out BIGINT NOT NULL DEFAULT 0;
ALTER TABLE local_bridges ADD COLUMN oversize_dropped BIGINT NOT NULL DEFAULT 0;
ALTER TABLE local_bridges ADD COLUMN queue_dropped BIGINT NOT NULL DEFAULT 0;

-- The network adapters a node can bridge, as it last saw them. The node replaces its rows when the
-- set changes, so an operator can list any node's adapters from any node.
CREATE TABLE node_devices (
    node_id      BIGINT       NOT NULL,
    name         VARCHAR(64)  NOT NULL,
    kind         VARCHAR(16)  NOT NULL DEFAULT '',
    mac          VARCHAR(17)  NOT NULL DEFAULT '',
    mtu          INT          NOT NULL DEFAULT 0,
    link_up      BOOLEAN      NOT NULL DEFAULT FALSE,
    reported_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (node_id, name),
    CONSTRAINT fk_node_devices_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
