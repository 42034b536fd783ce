-- At-least-once replies: an outgoing row is 'pending' until Telegram took it
-- ('sent', with Telegram's message id), or it became 'stale' (the person
-- stopped, a manager took over, too old) or 'blocked' (the person blocked Daria).
-- Rows written before this migration were sent at most once: they count as sent.
ALTER TABLE bot_messages ADD COLUMN IF NOT EXISTS send_status VARCHAR(16) NULL;
ALTER TABLE bot_messages ADD COLUMN IF NOT EXISTS sent_at DATETIME(6) NULL;
-- not before: a claim's lease, or a rescheduled flood wait
ALTER TABLE bot_messages ADD COLUMN IF NOT EXISTS send_after DATETIME(6) NULL;
ALTER TABLE bot_messages ADD COLUMN IF NOT EXISTS send_attempts INT NOT NULL DEFAULT 0;
ALTER TABLE bot_messages ADD COLUMN IF NOT EXISTS flood_waits INT NOT NULL DEFAULT 0;
UPDATE bot_messages SET send_status = 'sent', sent_at = created_at
    WHERE direction = 'out' AND send_status IS NULL;
CREATE INDEX IF NOT EXISTS ix_messages_unsent ON bot_messages (send_status, user_id, id);

-- A manager's takeover of a chat (user mode): Daria stays silent there until
-- until_at, across restarts. A private chat's id is the person's id.
CREATE TABLE IF NOT EXISTS bot_takeovers (
    chat_id BIGINT NOT NULL PRIMARY KEY,
    until_at DATETIME(6) NOT NULL,
    created_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
