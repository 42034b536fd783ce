-- Credit Expert Daria: the MySQL / MariaDB schema (source of truth).
--
-- Load it with `python credit_expert_bot.py migrate` or `mariadb DB < sql/schema.sql`.
-- Safe to run again: every statement is CREATE ... IF NOT EXISTS or an upsert.
-- Times are UTC (DATETIME(6), no time zone). Texts are stored exactly as given.
-- The migrate command splits this file on semicolons at line ends: keep one
-- statement per block and no semicolons inside comments or strings.

CREATE TABLE IF NOT EXISTS schema_version (
    version INT NOT NULL PRIMARY KEY,
    applied_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A person who wrote to Daria (Telegram user id).
CREATE TABLE IF NOT EXISTS bot_users (
    user_id BIGINT NOT NULL PRIMARY KEY,
    first_name VARCHAR(255) NULL,
    username VARCHAR(255) NULL,
    source VARCHAR(255) NULL, -- the /start payload: ad campaign, site button
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The current conversation of a person: SessionState as JSON plus columns to query by.
CREATE TABLE IF NOT EXISTS bot_sessions (
    user_id BIGINT NOT NULL PRIMARY KEY,
    chat_id BIGINT NOT NULL,
    stage VARCHAR(32) NOT NULL,
    verdict VARCHAR(32) NULL,
    state_json MEDIUMTEXT NOT NULL,
    consent_at VARCHAR(64) NULL, -- ISO time of the explicit yes, as the policy wrote it
    consent_version VARCHAR(64) NULL,
    updated_at DATETIME(6) NOT NULL,
    KEY ix_sessions_stage (stage),
    CONSTRAINT fk_sessions_user FOREIGN KEY (user_id)
        REFERENCES bot_users (user_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every message in and out. Incoming rows carry the Telegram message id
-- (unique per person: a redelivered update is a no-op) and answered_at once
-- a reply (or a deliberate silence) was committed for them.
CREATE TABLE IF NOT EXISTS bot_messages (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT NOT NULL,
    chat_id BIGINT NOT NULL,
    direction VARCHAR(3) NOT NULL,
    telegram_message_id BIGINT NULL, -- NULL for outgoing rows
    kind VARCHAR(16) NOT NULL,
    text MEDIUMTEXT NOT NULL,
    stage VARCHAR(32) NULL,
    writer VARCHAR(16) NULL,
    plan_json MEDIUMTEXT NULL,
    rejection TEXT NULL,
    tokens_in INT NOT NULL DEFAULT 0,
    tokens_out INT NOT NULL DEFAULT 0,
    latency_ms INT NOT NULL DEFAULT 0,
    answered_at DATETIME(6) NULL,
    created_at DATETIME(6) NOT NULL,
    UNIQUE KEY ux_messages_telegram (user_id, direction, telegram_message_id),
    KEY ix_messages_person (user_id, id), -- a person's dialogue in order: history, forget
    KEY ix_messages_unanswered (direction, answered_at, user_id), -- recovery after a restart
    CONSTRAINT ck_messages_direction CHECK (direction IN ('in', 'out')),
    CONSTRAINT fk_messages_user FOREIGN KEY (user_id)
        REFERENCES bot_users (user_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A booked consultation: one row per person, updated as the booking changes.
CREATE TABLE IF NOT EXISTS bot_leads (
    user_id BIGINT NOT NULL PRIMARY KEY,
    phone VARCHAR(32) NULL, -- E.164, stored only after consent
    debt_total BIGINT NULL, -- rubles
    creditors_count INT NULL,
    verdict VARCHAR(32) NULL,
    call_time VARCHAR(255) NULL,
    region VARCHAR(255) NULL,
    source VARCHAR(255) NULL,
    first_name VARCHAR(255) NULL,
    consent_at VARCHAR(64) NULL,
    consent_version VARCHAR(64) NULL,
    summary TEXT NOT NULL,
    status VARCHAR(32) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    KEY ix_leads_status (status, created_at),
    CONSTRAINT ck_leads_debt CHECK (debt_total IS NULL OR debt_total >= 0),
    CONSTRAINT ck_leads_creditors CHECK (creditors_count IS NULL OR creditors_count >= 0),
    CONSTRAINT fk_leads_user FOREIGN KEY (user_id)
        REFERENCES bot_users (user_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Events to deliver after the turn committed (webhook, manager notice), retried until delivered.
CREATE TABLE IF NOT EXISTS bot_outbox (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT NULL, -- the person the event is about: /forget deletes it too
    kind VARCHAR(64) NOT NULL,
    payload_json MEDIUMTEXT NOT NULL,
    attempts INT NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6) NOT NULL,
    delivered_at DATETIME(6) NULL,
    last_error TEXT NULL,
    created_at DATETIME(6) NOT NULL,
    KEY ix_outbox_due (delivered_at, next_attempt_at),
    KEY ix_outbox_user (user_id),
    CONSTRAINT fk_outbox_user FOREIGN KEY (user_id)
        REFERENCES bot_users (user_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO schema_version (version, applied_at) VALUES (1, UTC_TIMESTAMP(6))
    ON DUPLICATE KEY UPDATE version = version;
