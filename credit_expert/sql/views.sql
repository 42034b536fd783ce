-- Credit Expert Daria: the funnel report's figures as MySQL / MariaDB views, for BI tools
-- (Metabase, Superset, DataLens, Power BI...). The same definitions as `report`
-- (credit_expert/funnel_report.py), over every dialogue stored: filter report_dialogues
-- by started_at for a period. Needs migration 055 (run `migrate` first), MySQL 8 or
-- MariaDB 10.6+ (JSON_TABLE, window functions). Load or reload it with
--     mariadb DB < credit_expert/sql/views.sql
-- Safe to run again (CREATE OR REPLACE). Times are UTC. No view holds a phone, a name
-- or a word the person wrote. One statement per block, no semicolons in comments.

-- One row per dialogue: where it got to, its source, route, booking and call outcome.
-- furthest_stage: 0 greeting, 1 qualification, 2 offer, 3 booking, 4 booked (the
-- furthest stage any reply or the session stood at, 4 when the lead is booked).
CREATE OR REPLACE VIEW report_dialogues AS
SELECT
    u.user_id,
    u.created_at AS started_at,
    COALESCE(u.source, '(без метки)') AS source,
    s.stage AS stage_now,
    s.verdict,
    l.status AS lead_status,
    CASE WHEN l.status = 'booked' THEN 1 ELSE 0 END AS booked,
    l.booked_at,
    CASE WHEN l.status = 'booked' THEN l.outcome END AS outcome,
    CASE WHEN l.status = 'booked' AND l.booked_at IS NOT NULL
        THEN TIMESTAMPDIFF(MICROSECOND, u.created_at, l.booked_at) / 1000000 END
        AS seconds_to_booking,
    GREATEST(
        COALESCE(MAX(CASE m.stage WHEN 'qualification' THEN 1 WHEN 'offer' THEN 2
            WHEN 'booking' THEN 3 WHEN 'booked' THEN 4 ELSE 0 END), 0),
        CASE s.stage WHEN 'qualification' THEN 1 WHEN 'offer' THEN 2
            WHEN 'booking' THEN 3 WHEN 'booked' THEN 4 ELSE 0 END,
        CASE WHEN l.status = 'booked' THEN 4 ELSE 0 END
    ) AS furthest_stage,
    CASE WHEN s.stage = 'not_a_fit' OR MAX(m.stage = 'not_a_fit') = 1 THEN 1 ELSE 0 END
        AS ever_not_a_fit,
    CASE WHEN s.stage = 'opted_out' OR MAX(m.stage = 'opted_out') = 1 THEN 1 ELSE 0 END
        AS ever_opted_out
FROM bot_users u
LEFT JOIN bot_sessions s ON s.user_id = u.user_id
LEFT JOIN bot_leads l ON l.user_id = u.user_id
LEFT JOIN bot_messages m ON m.user_id = u.user_id AND m.direction = 'out'
GROUP BY u.user_id, u.created_at, u.source, s.stage, s.verdict, l.status, l.booked_at,
    l.outcome;

-- The funnel: dialogues that reached each stage (or further), and the share of the
-- stage before that got this far.
CREATE OR REPLACE VIEW report_funnel AS
SELECT position, stage, dialogues,
    dialogues / NULLIF(LAG(dialogues) OVER (ORDER BY position), 0) AS from_previous
FROM (
    SELECT 0 AS position, 'greeting' AS stage, COUNT(*) AS dialogues FROM report_dialogues
    UNION ALL SELECT 1, 'qualification', COALESCE(SUM(furthest_stage >= 1), 0)
        FROM report_dialogues
    UNION ALL SELECT 2, 'offer', COALESCE(SUM(furthest_stage >= 2), 0) FROM report_dialogues
    UNION ALL SELECT 3, 'booking', COALESCE(SUM(furthest_stage >= 3), 0) FROM report_dialogues
    UNION ALL SELECT 4, 'booked', COALESCE(SUM(furthest_stage >= 4), 0) FROM report_dialogues
) stages;

-- Side exits of the funnel.
CREATE OR REPLACE VIEW report_exits AS
SELECT COALESCE(SUM(ever_not_a_fit), 0) AS not_a_fit,
    COALESCE(SUM(ever_opted_out), 0) AS opted_out,
    COUNT(*) AS dialogues
FROM report_dialogues;

-- Objections raised before booking (or in dialogues that never booked), and how many
-- of those dialogues booked after all.
CREATE OR REPLACE VIEW report_objections AS
SELECT m.objection AS kind,
    COUNT(DISTINCT m.user_id) AS dialogues,
    COUNT(DISTINCT CASE WHEN l.status = 'booked' THEN m.user_id END) AS booked_after,
    COUNT(DISTINCT CASE WHEN l.status = 'booked' THEN m.user_id END)
        / COUNT(DISTINCT m.user_id) AS booked_share
FROM bot_messages m
LEFT JOIN bot_leads l ON l.user_id = m.user_id
WHERE m.direction = 'out' AND m.objection IS NOT NULL
    AND NOT (l.status = 'booked' AND l.booked_at IS NOT NULL AND m.created_at > l.booked_at)
GROUP BY m.objection;

-- The questions people ask (the reading's ask topics): how often, and how many people.
CREATE OR REPLACE VIEW report_asks AS
SELECT t.topic, COUNT(*) AS times, COUNT(DISTINCT m.user_id) AS people
FROM bot_messages m,
    JSON_TABLE(m.ask_topics, '$[*]' COLUMNS (topic VARCHAR(64) PATH '$')) t
WHERE m.direction = 'out' AND m.ask_topics IS NOT NULL
GROUP BY t.topic;

-- Verdict split (the route code decided; 'unknown' while it is not clear yet).
CREATE OR REPLACE VIEW report_verdicts AS
SELECT COALESCE(verdict, 'unknown') AS verdict, COUNT(*) AS dialogues
FROM report_dialogues
GROUP BY COALESCE(verdict, 'unknown');

-- Lead sources (the /start deep-link payload) with their conversion to a booking.
CREATE OR REPLACE VIEW report_sources AS
SELECT source, COUNT(*) AS dialogues, SUM(booked) AS booked, SUM(booked) / COUNT(*) AS conversion
FROM report_dialogues
GROUP BY source;

-- Median time from the first message to the booking, in seconds (NULL: no booking).
CREATE OR REPLACE VIEW report_time_to_booking AS
SELECT COUNT(*) AS booked, AVG(CASE WHEN rn IN (FLOOR((cnt + 1) / 2), CEIL((cnt + 1) / 2))
    THEN seconds_to_booking END) AS median_seconds
FROM (
    SELECT seconds_to_booking,
        ROW_NUMBER() OVER (ORDER BY seconds_to_booking) AS rn,
        COUNT(*) OVER () AS cnt
    FROM report_dialogues
    WHERE booked = 1 AND seconds_to_booking IS NOT NULL
) waits;

-- Call outcomes the managers recorded on booked leads ('none': not recorded yet).
CREATE OR REPLACE VIEW report_call_outcomes AS
SELECT COALESCE(outcome, 'none') AS outcome, COUNT(*) AS leads
FROM report_dialogues
WHERE booked = 1
GROUP BY COALESCE(outcome, 'none');

-- The LLM: replies it worded, turns it was asked and the script answered instead,
-- tokens in total and per booked lead. Cost = tokens / 1000 x LLM_PRICE_PER_1K_IN / _OUT
-- (configuration, not in the database: multiply in the BI tool).
CREATE OR REPLACE VIEW report_llm AS
SELECT
    SUM(m.writer IN ('llm', 'script')) AS replies,
    SUM(m.writer = 'llm') AS llm_replies,
    SUM(m.writer = 'llm') / NULLIF(SUM(m.writer IN ('llm', 'script')), 0) AS llm_share,
    SUM(m.writer IN ('llm', 'script') AND (m.writer = 'llm' OR m.rejection IS NOT NULL))
        AS llm_attempted,
    SUM(m.writer IN ('llm', 'script') AND m.rejection IS NOT NULL) AS fallbacks,
    SUM(m.tokens_in) AS tokens_in,
    SUM(m.tokens_out) AS tokens_out,
    (SELECT SUM(booked) FROM report_dialogues) AS booked,
    (SUM(m.tokens_in) + SUM(m.tokens_out))
        / NULLIF((SELECT SUM(booked) FROM report_dialogues), 0) AS tokens_per_booked
FROM bot_messages m
WHERE m.direction = 'out';

-- Why the script answered instead of the LLM (timeout, http_500, guarantee, ...).
CREATE OR REPLACE VIEW report_fallback_reasons AS
SELECT rejection AS reason, COUNT(*) AS replies
FROM bot_messages
WHERE direction = 'out' AND writer IN ('llm', 'script') AND rejection IS NOT NULL
GROUP BY rejection;

-- A/B of reply variants: for each script text, the wording each person saw first
-- (variant_index), how many people that was and how many of them booked. Only texts
-- shown in two or more wordings. Compare with care: see the README ("Funnel report").
CREATE OR REPLACE VIEW report_variants AS
SELECT text_key, variant_index, people, booked, booked / people AS booked_share
FROM (
    SELECT text_key, variant_index, COUNT(*) AS people, SUM(booked) AS booked,
        COUNT(*) OVER (PARTITION BY text_key) AS arms
    FROM (
        SELECT v.user_id, v.text_key, v.variant_index, d.booked,
            ROW_NUMBER() OVER (PARTITION BY v.user_id, v.text_key
                ORDER BY v.message_id, v.ord) AS seen
        FROM (
            SELECT m.user_id, m.id AS message_id, t.ord,
                SUBSTRING_INDEX(t.variant, '#', 1) AS text_key,
                CAST(SUBSTRING_INDEX(t.variant, '#', -1) AS UNSIGNED) AS variant_index
            FROM bot_messages m,
                JSON_TABLE(m.variant_ids, '$[*]'
                    COLUMNS (ord FOR ORDINALITY, variant VARCHAR(128) PATH '$')) t
            WHERE m.direction = 'out' AND m.variant_ids IS NOT NULL
        ) v
        JOIN report_dialogues d ON d.user_id = v.user_id
    ) firsts
    WHERE seen = 1
    GROUP BY text_key, variant_index
) arms
WHERE arms >= 2;

-- Follow-ups and call reminders (migration 050): sent, and how many follow-ups brought the
-- person back (a message of theirs after it, before the next follow-up).
CREATE OR REPLACE VIEW report_follow_ups AS
SELECT
    COALESCE(SUM(r.kind = 'followup'), 0) AS follow_ups_sent,
    COALESCE(SUM(r.kind = 'followup' AND EXISTS (
        SELECT 1 FROM bot_messages m
        WHERE m.user_id = r.user_id AND m.direction = 'in' AND m.created_at > r.sent_at
          AND NOT EXISTS (
              SELECT 1 FROM reminders n
              WHERE n.user_id = r.user_id AND n.kind = 'followup' AND n.status = 'sent'
                AND n.sent_at > r.sent_at AND n.sent_at < m.created_at))), 0) AS came_back,
    COALESCE(SUM(r.kind = 'call'), 0) AS call_reminders
FROM reminders r
WHERE r.status = 'sent' AND r.sent_at IS NOT NULL;
