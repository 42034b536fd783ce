-- At-least-once replies (see the MySQL file for the meaning of each column).
ALTER TABLE bot_messages ADD COLUMN send_status TEXT NULL;
ALTER TABLE bot_messages ADD COLUMN sent_at TEXT NULL;
ALTER TABLE bot_messages ADD COLUMN send_after TEXT NULL;
ALTER TABLE bot_messages ADD COLUMN send_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bot_messages ADD COLUMN flood_waits INTEGER NOT NULL DEFAULT 0;
UPDATE bot_messages SET send_status = 'sent', sent_at = created_at
    WHERE direction = 'out' AND send_status IS NULL;
CREATE INDEX IF NOT EXISTS ix_messages_unsent ON bot_messages (send_status, user_id, id);
CREATE TABLE IF NOT EXISTS bot_takeovers (
    chat_id INTEGER NOT NULL PRIMARY KEY,
    until_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
