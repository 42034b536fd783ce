-- Reminders (see 050_reminders.mysql.sql for what each column means).
CREATE TABLE IF NOT EXISTS reminders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES bot_users (user_id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 1,
    due_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'scheduled',
    created_at TEXT NOT NULL,
    sent_at TEXT NULL,
    cancel_reason TEXT NULL,
    call_at TEXT NULL,
    message_id INTEGER NULL
);
CREATE INDEX IF NOT EXISTS ix_reminders_due ON reminders (status, due_at);
CREATE INDEX IF NOT EXISTS ix_reminders_user ON reminders (user_id, kind, status);
