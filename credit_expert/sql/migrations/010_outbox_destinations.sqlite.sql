-- See 010_outbox_destinations.mysql.sql for what and why.
ALTER TABLE bot_outbox ADD COLUMN event_id TEXT NULL;
ALTER TABLE bot_outbox ADD COLUMN destination TEXT NOT NULL DEFAULT 'managers';
ALTER TABLE bot_outbox ADD COLUMN lead_key TEXT NULL;
UPDATE bot_outbox SET event_id = lower(hex(randomblob(16))) WHERE event_id IS NULL;
UPDATE bot_outbox SET kind = 'lead.' || substr(kind, 6) WHERE kind IN ('lead_booked', 'lead_updated');
CREATE INDEX IF NOT EXISTS ix_outbox_claim ON bot_outbox (destination, delivered_at, next_attempt_at);
CREATE INDEX IF NOT EXISTS ix_outbox_lead ON bot_outbox (lead_key, destination, id);
ALTER TABLE bot_leads ADD COLUMN lead_key TEXT NULL;
ALTER TABLE bot_leads ADD COLUMN outcome TEXT NULL;
ALTER TABLE bot_leads ADD COLUMN outcome_at TEXT NULL;
ALTER TABLE bot_leads ADD COLUMN booked_at TEXT NULL;
ALTER TABLE bot_leads ADD COLUMN reminded_at TEXT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS ux_leads_key ON bot_leads (lead_key);
CREATE INDEX IF NOT EXISTS ix_leads_awaiting ON bot_leads (status, outcome, reminded_at);
CREATE TABLE IF NOT EXISTS bot_lead_refs (
    lead_key TEXT NOT NULL,
    destination TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES bot_users (user_id) ON DELETE CASCADE,
    external_id TEXT NULL,
    refs_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (lead_key, destination)
);
CREATE INDEX IF NOT EXISTS ix_refs_external ON bot_lead_refs (destination, external_id);
CREATE INDEX IF NOT EXISTS ix_refs_user ON bot_lead_refs (user_id);
