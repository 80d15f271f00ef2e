-- The nodes that run the cluster's DNS responder (--dns-listen): each is a name server of the cluster's
-- zone. A node writes its row when its responder starts and deletes it at a clean stop; a row of a node
-- that is not live is ignored, so a crashed node drops out of the NS set by liveness alone.
CREATE TABLE dns_responders (
    node_id     BIGINT        NOT NULL,
    listen      VARCHAR(255)  NOT NULL,
    started_at  DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (node_id),
    CONSTRAINT fk_dns_responders_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
