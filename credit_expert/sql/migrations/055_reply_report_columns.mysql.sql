-- The funnel report and the A/B of reply variants read these from every reply row:
-- variant_ids  a JSON array of the script texts the reply was made of, each
--              "key#index" (e.g. "offer.court#1": the second wording of the court
--              offer). For an LLM reply, those of the script's draft it reworded,
--              NULL on rows written before this migration
-- ask_topics   a JSON array of the topics of the questions the person asked in the
--              turn this reply answers (the reading's asks), NULL when none
-- objection    the objection read in that turn (price, think, ...), NULL when none
-- The last two are copied from plan_json for rows written before.
ALTER TABLE bot_messages ADD COLUMN IF NOT EXISTS variant_ids TEXT NULL;
ALTER TABLE bot_messages ADD COLUMN IF NOT EXISTS ask_topics VARCHAR(1000) NULL;
ALTER TABLE bot_messages ADD COLUMN IF NOT EXISTS objection VARCHAR(32) NULL;
UPDATE bot_messages SET objection = JSON_VALUE(plan_json, '$.objection')
    WHERE direction = 'out' AND objection IS NULL AND JSON_VALID(plan_json);
UPDATE bot_messages m SET ask_topics = (
        SELECT JSON_ARRAYAGG(t.topic) FROM JSON_TABLE(m.plan_json, '$.acts[*]'
            COLUMNS (kind VARCHAR(16) PATH '$.kind', topic VARCHAR(32) PATH '$.topic')) t
        WHERE t.kind = 'ask')
    WHERE m.direction = 'out' AND m.ask_topics IS NULL AND JSON_VALID(m.plan_json);
-- The report reads a period's replies by time.
CREATE INDEX IF NOT EXISTS ix_messages_out_time ON bot_messages (direction, created_at);
