// The Villes solidaires console's figures, kept as events happen so that a page reads a few
// rows whatever the country's size (200,000 groups, 20 million events). No person is ever
// recorded: a row is (scope, period, metric) → count.
//
// Scopes of a group chat, read from its row at the time of the event: `dep:<code>`
// (`dep:none` before it has a place), `insee:<code>`, `quartier:<id>` and `chat:<id>`.
// National figures are the sum of the `dep:*` rows.
//
// Counted metrics are added to the month (YYYY-MM) and the year (YYYY) in the group's time
// zone: `kit:<kitId>`, `gathering:held:fete|other`, `gathering:rsvp`, `need:created`,
// `service:<category>`, `watch:round`, `watch:answered`, `watch:answered_2h`,
// `watch:escalation:1|2|3`. State metrics (STATE_METRICS) are set at the year only, by
// refreshStateFigures; a past year keeps its last value.
//
// The `insee:` and `quartier:` rows are also kept grouped by scope and period, one row each
// (activity_period_rollups, `{metric: value}`), which a city's page reads: a dozen rows on a
// dozen pages instead of some 330 rows scattered over the national table. Triggers copy them
// there from every statement that writes here (migration 0027), so nothing in this file, a
// backfill or a test's rows can forget to. It costs a recorded event about 80 µs more of
// the database's CPU (about 180 → 260 µs on a seed of 20,000 groups): events are counted far
// less often than pages would otherwise read those 330 rows.
import { compactStatement as compact, queryStatement, type DbOrTx } from '../client.ts';

export const STATE_METRICS = [
  'groups:immeuble',
  'groups:rue',
  'groups:quartier',
  'groups:unset',
  'neighbours:active',
  'watch:referents',
  'watch:watched',
] as const;

/** The scopes of the chat row `c` (a lateral VALUES list; nulls are filtered by the caller). */
export const CHAT_SCOPES = `(VALUES
    ('dep:' || coalesce(c.departement, 'none')),
    ('insee:' || c.commune_insee),
    ('quartier:' || c.quartier_id::text),
    ('chat:' || c.id::text)
  ) AS s(scope)`;

// Rows are written in key order: two transactions adding to the same rows lock them in the
// same order, so they wait for each other instead of deadlocking.
const RECORD_ACTIVITY = compact(`
  INSERT INTO activity_rollups (scope, period, metric, value)
  SELECT s.scope, p.period, $2::text, $4::bigint
  FROM chats c
  CROSS JOIN LATERAL ${CHAT_SCOPES}
  CROSS JOIN LATERAL (VALUES
    (to_char($3::timestamptz AT TIME ZONE c.timezone, 'YYYY-MM')),
    (to_char($3::timestamptz AT TIME ZONE c.timezone, 'YYYY'))
  ) AS p(period)
  WHERE c.id = $1::bigint AND c.kind = 'group' AND s.scope IS NOT NULL
  ORDER BY s.scope, p.period
  ON CONFLICT (scope, period, metric)
    DO UPDATE SET value = activity_rollups.value + excluded.value
`);

/**
 * Counts an event of a group (nothing for a private chat), in one statement: call it in the
 * event's own transaction when there is one, so the figure and the event commit together.
 */
export async function recordActivity(
  db: DbOrTx,
  activity: { chatId: number; metric: string; at: Date; count?: number },
): Promise<void> {
  await queryStatement(db, RECORD_ACTIVITY, [
    activity.chatId,
    activity.metric,
    activity.at.toISOString(),
    activity.count ?? 1,
  ]);
}

/**
 * Sets this year's state figures of every scope, in one set-based statement (seconds on
 * 200,000 groups; run by a recurring job). A figure fallen to nothing is set to 0 if it had a
 * row; zeros are not written otherwise. `year` is the current year in Europe/Paris.
 * `groupsWhere` narrows the groups counted and `moreScopes` names scopes to set even where no
 * group is left (see refreshCommuneFigures).
 */
function refreshStateStatement(groupsWhere = '', moreScopes = ''): string {
  return compact(`
  WITH scoped AS (
    SELECT c.id AS chat_id, c.active, coalesce(c.group_kind, 'unset') AS group_kind, s.scope
    FROM chats c CROSS JOIN LATERAL ${CHAT_SCOPES}
    WHERE c.kind = 'group' AND s.scope IS NOT NULL${groupsWhere}
  ),
  all_scopes AS (SELECT DISTINCT scope FROM scoped${moreScopes}),
  figures AS (
    SELECT scope, 'groups:' || group_kind AS metric, count(*) AS value
    FROM scoped WHERE active GROUP BY 1, 2
    UNION ALL
    SELECT s.scope, 'neighbours:active', count(DISTINCT m.person_id)
    FROM scoped s JOIN chat_members m ON m.chat_id = s.chat_id
    WHERE m.last_active_at >= make_timestamptz($1::text::int, 1, 1, 0, 0, 0, 'Europe/Paris')
      AND m.last_active_at < make_timestamptz($1::text::int + 1, 1, 1, 0, 0, 0, 'Europe/Paris')
    GROUP BY 1
    UNION ALL
    SELECT s.scope, 'watch:referents', count(DISTINCT r.person_id)
    FROM scoped s JOIN referents r ON r.chat_id = s.chat_id
    WHERE s.active AND r.status = 'active'
    GROUP BY 1
    UNION ALL
    SELECT s.scope, 'watch:watched', count(*)
    FROM scoped s JOIN watched_neighbours w ON w.chat_id = s.chat_id
    WHERE s.active AND w.status = 'active' AND w.expires_on >= $2::text
    GROUP BY 1
  ),
  complete AS (
    SELECT a.scope, m.metric, coalesce(f.value, 0) AS value
    FROM all_scopes a
    CROSS JOIN unnest($3::text[]) AS m(metric)
    LEFT JOIN figures f ON f.scope = a.scope AND f.metric = m.metric
  )
  INSERT INTO activity_rollups (scope, period, metric, value)
  SELECT scope, $1::text, metric, value FROM complete
  WHERE value > 0 OR EXISTS (
    SELECT 1 FROM activity_rollups r
    WHERE r.scope = complete.scope AND r.period = $1::text AND r.metric = complete.metric
  )
  ORDER BY scope, metric
  ON CONFLICT (scope, period, metric) DO UPDATE SET value = excluded.value
    WHERE activity_rollups.value IS DISTINCT FROM excluded.value
`);
}

const REFRESH_STATE = refreshStateStatement();

// Some communes' own scopes (`insee:`), from their groups only (the chats_commune index).
const REFRESH_COMMUNES_STATE = refreshStateStatement(
  ` AND c.commune_insee = ANY($4::text[]) AND s.scope = 'insee:' || c.commune_insee`,
  ` UNION SELECT 'insee:' || code FROM unnest($4::text[]) AS n(code)`,
);

// The départements of some communes' groups (`dep:`), from all their groups (the
// chats_departement index): the national page sums these, and must agree with the city page.
const REFRESH_DEPARTEMENTS_STATE = refreshStateStatement(
  ` AND c.departement IN (SELECT d.departement FROM chats d WHERE d.kind = 'group'
      AND d.commune_insee = ANY($4::text[]) AND d.departement IS NOT NULL)
    AND s.scope = 'dep:' || c.departement`,
);

export async function refreshStateFigures(db: DbOrTx, now: Date): Promise<void> {
  const year = yearIn(now, 'Europe/Paris');
  await queryStatement(db, REFRESH_STATE, [
    year,
    now.toISOString().slice(0, 10),
    [...STATE_METRICS],
  ]);
}

/**
 * Sets this year's state figures of some communes at once, as the hourly refresh would: a
 * partner city created in the console shows its groups from its first page, not an hour later.
 * Their départements' too: the national page, which sums départements, says the same at once
 * (it showed 0 where the city's page said "fewer than 5" until the hourly refresh).
 */
export async function refreshCommuneFigures(
  db: DbOrTx,
  now: Date,
  communes: string[],
): Promise<void> {
  if (communes.length === 0) return;
  const params = [
    yearIn(now, 'Europe/Paris'),
    now.toISOString().slice(0, 10),
    [...STATE_METRICS],
    communes,
  ];
  await queryStatement(db, REFRESH_COMMUNES_STATE, params);
  await queryStatement(db, REFRESH_DEPARTEMENTS_STATE, params);
}

function yearIn(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(now);
}
