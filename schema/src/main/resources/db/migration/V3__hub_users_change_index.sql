-- Nodes cache users and poll for changes once a second with COUNT(*) and MAX(updated_at);
-- this index keeps that poll cheap on hubs with many users.
CREATE INDEX ix_hub_users_updated ON hub_users (updated_at);
