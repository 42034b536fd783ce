-- See 055_reply_report_columns.mysql.sql for what and why.
ALTER TABLE bot_messages ADD COLUMN variant_ids TEXT NULL;
ALTER TABLE bot_messages ADD COLUMN ask_topics TEXT NULL;
ALTER TABLE bot_messages ADD COLUMN objection TEXT NULL;
UPDATE bot_messages SET objection = json_extract(plan_json, '$.objection')
    WHERE direction = 'out' AND objection IS NULL AND json_valid(plan_json);
UPDATE bot_messages SET ask_topics = (
        SELECT json_group_array(json_extract(a.value, '$.topic'))
        FROM json_each(bot_messages.plan_json, '$.acts') a
        WHERE json_extract(a.value, '$.kind') = 'ask')
    WHERE direction = 'out' AND ask_topics IS NULL AND json_valid(plan_json)
    AND EXISTS (SELECT 1 FROM json_each(bot_messages.plan_json, '$.acts') a
        WHERE json_extract(a.value, '$.kind') = 'ask');
CREATE INDEX IF NOT EXISTS ix_messages_out_time ON bot_messages (direction, created_at);
