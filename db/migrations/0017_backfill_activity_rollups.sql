-- The console's counted figures (activity_rollups, db/queries/rollups.ts) for what happened
-- before they were kept as events happen: from the rows still there. Run once, here, so that
-- nothing is counted twice (the bot that counts as events happen starts after its
-- migrations). Approximations, where the rows do not say more: a help request counts as
-- published when it was created; a check-in's answer counts at its last answer's time; a
-- check-in whose ladder reached step n counts steps 1 to n; an RSVP "yes" counts when it was
-- last saved. State figures are the hourly job's.
WITH events (chat_id, metric, at, n) AS (
  SELECT kd.chat_id, 'kit:' || kd.kit_id,
    ((kd.month || '-15 12:00')::timestamp AT TIME ZONE c.timezone), kd.count::bigint
  FROM kit_deliveries kd JOIN chats c ON c.id = kd.chat_id
  UNION ALL
  SELECT g.chat_id, 'gathering:held:' || g.kind,
    ((g.date || ' 12:00')::timestamp AT TIME ZONE c.timezone), 1
  FROM gatherings g JOIN chats c ON c.id = g.chat_id
  WHERE g.status = 'scheduled' AND g.date IS NOT NULL
    AND g.date < to_char(now() AT TIME ZONE c.timezone, 'YYYY-MM-DD')
  UNION ALL
  SELECT g.chat_id, 'gathering:rsvp', r.updated_at, 1
  FROM gathering_rsvps r JOIN gatherings g ON g.id = r.gathering_id
  WHERE r.answer = 'yes'
  UNION ALL
  SELECT chat_id, 'need:created', created_at, 1 FROM help_requests
  WHERE status <> 'draft' AND (status <> 'withdrawn' OR card_message_id IS NOT NULL)
  UNION ALL
  SELECT chat_id, 'service:' || category, coalesce(done_at, created_at), 1 FROM help_requests
  WHERE status = 'done'
  UNION ALL
  SELECT chat_id, 'watch:round', sent_at, 1 FROM check_ins WHERE sent_at IS NOT NULL
  UNION ALL
  SELECT chat_id, 'watch:answered', answered_at, 1 FROM check_ins
  WHERE sent_at IS NOT NULL AND answered_at IS NOT NULL
  UNION ALL
  SELECT chat_id, 'watch:answered_2h', answered_at, 1 FROM check_ins
  WHERE sent_at IS NOT NULL AND answered_at IS NOT NULL
    AND answered_at <= sent_at + interval '2 hours'
  UNION ALL
  SELECT ci.chat_id, 'watch:escalation:' || s.step, ci.sent_at, 1
  FROM check_ins ci CROSS JOIN LATERAL generate_series(1, least(ci.step, 3)) AS s(step)
  WHERE ci.sent_at IS NOT NULL AND ci.step > 0
)
INSERT INTO activity_rollups (scope, period, metric, value)
SELECT s.scope, p.period, e.metric, sum(e.n)
FROM events e
JOIN chats c ON c.id = e.chat_id AND c.kind = 'group'
CROSS JOIN LATERAL (VALUES
  ('dep:' || coalesce(c.departement, 'none')),
  ('insee:' || c.commune_insee),
  ('quartier:' || c.quartier_id::text),
  ('chat:' || c.id::text)
) AS s(scope)
CROSS JOIN LATERAL (VALUES
  (to_char(e.at AT TIME ZONE c.timezone, 'YYYY-MM')),
  (to_char(e.at AT TIME ZONE c.timezone, 'YYYY'))
) AS p(period)
WHERE s.scope IS NOT NULL AND e.at IS NOT NULL
GROUP BY 1, 2, 3
ON CONFLICT (scope, period, metric)
  DO UPDATE SET value = activity_rollups.value + excluded.value;
--> statement-breakpoint
-- Gatherings still to come count once their day is over (handlers/gatherings/lifecycle.ts
-- plans this job for every date set from now on).
INSERT INTO jobs (kind, dedupe_key, payload, run_at, max_lateness_seconds)
SELECT 'countHeldGathering',
  'gathering:' || g.id || ':reminder:held:' || g.date,
  jsonb_build_object('gatheringId', g.id, 'date', g.date),
  ((g.date::date + 1)::timestamp AT TIME ZONE c.timezone),
  30 * 86400
FROM gatherings g JOIN chats c ON c.id = g.chat_id
WHERE g.status = 'scheduled' AND g.date IS NOT NULL
  AND g.date >= to_char(now() AT TIME ZONE c.timezone, 'YYYY-MM-DD')
ON CONFLICT (dedupe_key) DO NOTHING;
