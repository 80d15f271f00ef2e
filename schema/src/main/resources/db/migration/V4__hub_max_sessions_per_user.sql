-- SoftEther's MultiLogins policy per hub: how many sessions one user may hold at once in the whole
-- cluster (0 = unlimited). A login beyond it is refused with error 20.
ALTER TABLE hubs ADD COLUMN max_sessions_per_user INT NOT NULL DEFAULT 0;
ALTER TABLE hubs ADD CONSTRAINT ck_hubs_max_sessions_per_user CHECK (max_sessions_per_user >= 0);
