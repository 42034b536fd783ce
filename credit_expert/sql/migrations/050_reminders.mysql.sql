-- Reminders Daria sends unasked-for only with the person's agreement (credit_expert/followups.py):
-- 'followup' (after a clear "да" to her offer; attempt 1 or 2) and 'call' (about an hour
-- before a booked call; attempt 1). status: 'scheduled' until due; 'sent' once handed to
-- the reply queue in the same transaction as the outgoing bot_messages row (message_id:
-- its send_status is Telegram's delivery mark); 'cancelled' with cancel_reason
-- (opted_out, crisis, booked, declined, replied, call_cancelled, moved, manager, ...).
-- Times are UTC. /forget deletes the person's rows with everything else.
CREATE TABLE IF NOT EXISTS reminders (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    attempt INT NOT NULL DEFAULT 1,
    due_at DATETIME(6) NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'scheduled',
    created_at DATETIME(6) NOT NULL,
    sent_at DATETIME(6) NULL,
    cancel_reason VARCHAR(32) NULL,
    call_at DATETIME(6) NULL, -- call reminders: when the call itself is planned
    message_id BIGINT NULL, -- the bot_messages row that carried it
    KEY ix_reminders_due (status, due_at),
    KEY ix_reminders_user (user_id, kind, status),
    CONSTRAINT fk_reminders_user FOREIGN KEY (user_id)
        REFERENCES bot_users (user_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
