-- The shared model of a hubfarm cluster (design.md sections 1-2).
-- Written in the SQL subset that both MySQL 8.0 and MariaDB 10.6+ accept.
-- Every time column is filled from the database clock (NOW(3) / CURRENT_TIMESTAMP(3));
-- connections run with time_zone '+00:00', so stored times are UTC.
-- Names that are unique "without regard to case" use utf8mb4_general_ci; the repositories
-- restrict them to ASCII, where that collation is exactly ASCII case folding.

CREATE TABLE cluster_settings (
    name        VARCHAR(128)  NOT NULL,
    value       VARCHAR(4096) NOT NULL,
    updated_at  DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE nodes (
    id                       BIGINT        NOT NULL AUTO_INCREMENT,
    name                     VARCHAR(64)   NOT NULL COLLATE utf8mb4_general_ci,
    listen_addresses         VARCHAR(1024) NOT NULL,
    public_host              VARCHAR(255)  NULL,
    public_ports             VARCHAR(1024) NOT NULL DEFAULT '',
    weight                   INT           NOT NULL DEFAULT 100,
    max_sessions             INT           NOT NULL DEFAULT 4096,
    controller_only          BOOLEAN       NOT NULL DEFAULT FALSE,
    state                    VARCHAR(16)   NOT NULL,
    incarnation              BIGINT        NOT NULL DEFAULT 0,
    software_version         VARCHAR(64)   NOT NULL DEFAULT '',
    started_at               DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    last_heartbeat           DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    sessions                 INT           NOT NULL DEFAULT 0,
    tcp_connections          INT           NOT NULL DEFAULT 0,
    dynamic_hubs             INT           NOT NULL DEFAULT 0,
    points                   INT           NOT NULL DEFAULT 0,
    db_connect_attempts      BIGINT        NOT NULL DEFAULT 0,
    db_connect_successes     BIGINT        NOT NULL DEFAULT 0,
    db_connect_failures      BIGINT        NOT NULL DEFAULT 0,
    db_first_connected_at    DATETIME(3)   NULL,
    db_current_connected_at  DATETIME(3)   NULL,
    created_at               DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_nodes_name (name),
    KEY ix_nodes_state_heartbeat (state, last_heartbeat),
    CONSTRAINT ck_nodes_state CHECK (state IN ('STARTING', 'ONLINE', 'DRAINING', 'OFFLINE', 'DEAD')),
    CONSTRAINT ck_nodes_weight CHECK (weight BETWEEN 1 AND 10000),
    CONSTRAINT ck_nodes_max_sessions CHECK (max_sessions >= 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Exactly one row (id = 1). epoch is the fencing token: it grows by one with every new holder.
CREATE TABLE controller_lease (
    id           TINYINT     NOT NULL,
    holder_id    BIGINT      NULL,
    epoch        BIGINT      NOT NULL DEFAULT 0,
    acquired_at  DATETIME(3) NULL,
    expires_at   DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_controller_lease_single_row CHECK (id = 1),
    CONSTRAINT fk_controller_lease_holder FOREIGN KEY (holder_id) REFERENCES nodes (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO controller_lease (id, holder_id, epoch, acquired_at, expires_at)
VALUES (1, NULL, 0, NULL, '1970-01-02 00:00:00.000');

CREATE TABLE hubs (
    id                      BIGINT       NOT NULL AUTO_INCREMENT,
    name                    VARCHAR(64)  NOT NULL COLLATE utf8mb4_general_ci,
    hub_type                VARCHAR(8)   NOT NULL,
    online                  BOOLEAN      NOT NULL DEFAULT TRUE,
    max_sessions            INT          NOT NULL DEFAULT 0,
    no_enum                 BOOLEAN      NOT NULL DEFAULT FALSE,
    -- SHA0(password): hub-admin RPC login (spec 3.4).
    admin_password_hash     BINARY(20)   NULL,
    -- SHA0(password || "ADMINISTRATOR"): VPN login as user "administrator" (spec 3.4).
    admin_secure_password   BINARY(20)   NULL,
    created_at              DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at              DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    last_login_at           DATETIME(3)  NULL,
    login_count             BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_hubs_name (name),
    CONSTRAINT ck_hubs_type CHECK (hub_type IN ('STATIC', 'DYNAMIC')),
    CONSTRAINT ck_hubs_max_sessions CHECK (max_sessions >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE hub_users (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    hub_id          BIGINT        NOT NULL,
    name            VARCHAR(64)   NOT NULL COLLATE utf8mb4_general_ci,
    auth_type       VARCHAR(16)   NOT NULL,
    -- SHA0(password || UPPER(user name)): SoftEther's HashPassword (spec 3.4).
    password_hash   BINARY(20)    NULL,
    -- MD4 of the UTF-16LE password, for MS-CHAPv2 based protocols later.
    nt_hash         BINARY(16)    NULL,
    real_name       VARCHAR(255)  NOT NULL DEFAULT '',
    note            VARCHAR(1024) NOT NULL DEFAULT '',
    group_name      VARCHAR(64)   NOT NULL DEFAULT '',
    expires_at      DATETIME(3)   NULL,
    created_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    last_login_at   DATETIME(3)   NULL,
    login_count     BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_hub_users_hub_name (hub_id, name),
    CONSTRAINT fk_hub_users_hub FOREIGN KEY (hub_id) REFERENCES hubs (id) ON DELETE CASCADE,
    CONSTRAINT ck_hub_users_auth CHECK (auth_type IN ('ANONYMOUS', 'PASSWORD')),
    CONSTRAINT ck_hub_users_password CHECK (auth_type <> 'PASSWORD' OR password_hash IS NOT NULL)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- At most one instance of a dynamic hub in the cluster: the primary key is the hub.
CREATE TABLE hub_placements (
    hub_id            BIGINT      NOT NULL,
    node_id           BIGINT      NOT NULL,
    node_incarnation  BIGINT      NOT NULL,
    claimed_at        DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    -- Set while the instance has no session; the controller releases it after a grace period.
    empty_since       DATETIME(3) NULL,
    PRIMARY KEY (hub_id),
    KEY ix_hub_placements_node (node_id),
    CONSTRAINT fk_hub_placements_hub FOREIGN KEY (hub_id) REFERENCES hubs (id) ON DELETE CASCADE,
    CONSTRAINT fk_hub_placements_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The cluster-wide session registry: one row per live VPN session, written by the node holding it.
CREATE TABLE sessions (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    hub_id           BIGINT       NOT NULL,
    node_id          BIGINT       NOT NULL,
    session_name     VARCHAR(128) NOT NULL COLLATE utf8mb4_general_ci,
    user_name        VARCHAR(64)  NOT NULL,
    client_address   VARCHAR(64)  NOT NULL,
    client_host      VARCHAR(255) NOT NULL DEFAULT '',
    protocol         VARCHAR(16)  NOT NULL,
    tcp_connections  INT          NOT NULL DEFAULT 1,
    started_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    bytes_in         BIGINT       NOT NULL DEFAULT 0,
    bytes_out        BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_sessions_hub_name (hub_id, session_name),
    KEY ix_sessions_node (node_id),
    CONSTRAINT fk_sessions_hub FOREIGN KEY (hub_id) REFERENCES hubs (id) ON DELETE CASCADE,
    CONSTRAINT fk_sessions_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Single-use redirect tickets. Only a SHA-256 of the 20-byte ticket is stored, so reading this
-- table does not give anyone a ticket to log in with.
CREATE TABLE redirect_tickets (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    ticket_hash      BINARY(32)   NOT NULL,
    hub_id           BIGINT       NOT NULL,
    user_name        VARCHAR(64)  NOT NULL,
    real_user_name   VARCHAR(64)  NOT NULL,
    group_name       VARCHAR(64)  NOT NULL DEFAULT '',
    session_name     VARCHAR(128) NOT NULL,
    target_node_id   BIGINT       NOT NULL,
    issuer_node_id   BIGINT       NULL,
    created_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    expires_at       DATETIME(3)  NOT NULL,
    consumed_at      DATETIME(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_redirect_tickets_hash (ticket_hash),
    KEY ix_redirect_tickets_target (target_node_id, consumed_at, expires_at),
    KEY ix_redirect_tickets_expiry (expires_at),
    CONSTRAINT fk_redirect_tickets_hub FOREIGN KEY (hub_id) REFERENCES hubs (id) ON DELETE CASCADE,
    CONSTRAINT fk_redirect_tickets_target FOREIGN KEY (target_node_id) REFERENCES nodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_redirect_tickets_issuer FOREIGN KEY (issuer_node_id) REFERENCES nodes (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The cluster CA and the server certificate every node presents. Private keys are encrypted with
-- the cluster secret, which is kept outside the database.
CREATE TABLE certificates (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    name            VARCHAR(64)   NOT NULL,
    subject         VARCHAR(512)  NOT NULL,
    serial_hex      VARCHAR(64)   NOT NULL,
    not_before      DATETIME(3)   NOT NULL,
    not_after       DATETIME(3)   NOT NULL,
    cert_der        BLOB          NOT NULL,
    key_encrypted   BLOB          NULL,
    created_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_certificates_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE local_bridges (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    node_id     BIGINT       NOT NULL,
    hub_id      BIGINT       NOT NULL,
    device      VARCHAR(64)  NOT NULL,
    tap_mode    BOOLEAN      NOT NULL DEFAULT FALSE,
    state       VARCHAR(16)  NOT NULL DEFAULT 'PENDING',
    error       VARCHAR(512) NOT NULL DEFAULT '',
    created_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_local_bridges_node_device (node_id, device),
    KEY ix_local_bridges_hub (hub_id),
    CONSTRAINT fk_local_bridges_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_local_bridges_hub FOREIGN KEY (hub_id) REFERENCES hubs (id) ON DELETE CASCADE,
    CONSTRAINT ck_local_bridges_state CHECK (state IN ('PENDING', 'ONLINE', 'ERROR'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Work that must happen on one node (disconnect a session, reload a bridge). The owning node polls
-- for rows with done_at NULL; commands are idempotent, so running one twice is harmless.
CREATE TABLE node_commands (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    node_id     BIGINT        NOT NULL,
    command     VARCHAR(32)   NOT NULL,
    argument    VARCHAR(1024) NOT NULL DEFAULT '',
    created_at  DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    done_at     DATETIME(3)   NULL,
    result      VARCHAR(1024) NULL,
    PRIMARY KEY (id),
    KEY ix_node_commands_pending (node_id, done_at, id),
    CONSTRAINT fk_node_commands_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE audit_log (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    at              DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    actor           VARCHAR(128)  NOT NULL,
    source_address  VARCHAR(64)   NOT NULL DEFAULT '',
    node_name       VARCHAR(64)   NOT NULL DEFAULT '',
    action          VARCHAR(64)   NOT NULL,
    target          VARCHAR(255)  NOT NULL DEFAULT '',
    detail          VARCHAR(2048) NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    KEY ix_audit_log_at (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
