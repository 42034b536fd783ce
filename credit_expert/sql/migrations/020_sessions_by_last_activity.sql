-- The retention job (RETENTION_DAYS) looks for dialogues silent since a date.
CREATE INDEX ix_sessions_updated ON bot_sessions (updated_at);
