-- The outbox becomes one row per (event, destination): each destination is claimed,
-- retried and counted on its own, so a dead CRM never holds up the others.
-- event_id is the idempotency key (the same on every destination's row of an event);
-- lead_key is the pseudonymous lead id sent out instead of the Telegram id.
ALTER TABLE bot_outbox
    ADD COLUMN event_id CHAR(36) NULL,
    ADD COLUMN destination VARCHAR(32) NOT NULL DEFAULT 'managers',
    ADD COLUMN lead_key CHAR(32) NULL,
    ADD KEY ix_outbox_claim (destination, delivered_at, next_attempt_at),
    ADD KEY ix_outbox_lead (lead_key, destination, id);

UPDATE bot_outbox SET event_id = UUID() WHERE event_id IS NULL;

UPDATE bot_outbox SET kind = CONCAT('lead.', SUBSTRING(kind, 6)) WHERE kind IN ('lead_booked', 'lead_updated');

-- The lead's CRM-side life: its key, the call outcome a manager recorded, when it was
-- booked (the unattended-lead reminder counts from there) and when the reminder went.
ALTER TABLE bot_leads
    ADD COLUMN lead_key CHAR(32) NULL,
    ADD COLUMN outcome VARCHAR(32) NULL,
    ADD COLUMN outcome_at DATETIME(6) NULL,
    ADD COLUMN booked_at DATETIME(6) NULL,
    ADD COLUMN reminded_at DATETIME(6) NULL,
    ADD UNIQUE KEY ux_leads_key (lead_key),
    ADD KEY ix_leads_awaiting (status, outcome, reminded_at);

-- The ids each destination returned for a lead (Bitrix24 lead/contact/deal, amoCRM
-- lead/contact, the card's message id in the managers' chat). /forget copies them
-- into lead.forgotten rows, then deletes them with the person.
CREATE TABLE IF NOT EXISTS bot_lead_refs (
    lead_key CHAR(32) NOT NULL,
    destination VARCHAR(32) NOT NULL,
    user_id BIGINT NOT NULL,
    external_id VARCHAR(64) NULL, -- the main id, to find the lead from it (a card reply)
    refs_json TEXT NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (lead_key, destination),
    KEY ix_refs_external (destination, external_id),
    KEY ix_refs_user (user_id),
    CONSTRAINT fk_refs_user FOREIGN KEY (user_id)
        REFERENCES bot_users (user_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
