// A heat-watch population for the watch-round benchmark, written by the server itself
// (generate_series, one INSERT … SELECT per table): groups of one département, each with a
// few confirmed referents who started the bot privately (so they can be reached), each
// watching a few neighbours whose consent they recorded. A referent's neighbours have
// consecutive ids, as when a referent adds them one after the other.
import type postgres from 'postgres';

export interface WatchShape {
  groups: number;
  referentsPerGroup: number;
  neighboursPerReferent: number;
  departement: string;
  /** The last day the consents cover (YYYY-MM-DD). */
  expiresOn: string;
}

/** Telegram user id of referent `personId` (person ids are 1…referents). */
export const referentUserId = (personId: number) => 10_000_000 + personId;

/** Loads the population into a migrated, empty database; returns the rows per table. */
export async function seedWatch(
  sql: postgres.Sql,
  shape: WatchShape,
  now: Date,
): Promise<Record<string, number>> {
  const referents = shape.groups * shape.referentsPerGroup;
  const watched = referents * shape.neighboursPerReferent;
  const at = now.toISOString();
  const rows: Record<string, number> = {};
  const run = async (table: string, query: string, params: (string | number)[]) => {
    rows[table] = (rows[table] ?? 0) + (await sql.unsafe(query, params)).count;
  };
  // Groups are chats 1…groups; private chats follow, one per referent.
  await run(
    'chats',
    `insert into chats (id, platform, external_id, kind, title, departement, postcode, timezone)
     select g, 'telegram', (-1000000000000 - g)::text, 'group', 'Résidence ' || g, $1, $1 || '003',
       'Europe/Paris'
     from generate_series(1, $2::int) g`,
    [shape.departement, shape.groups],
  );
  await run(
    'people',
    `insert into people (id, platform, display_name, locale, reachable_privately)
     select p, 'telegram', 'Référent ' || p, 'fr', true from generate_series(1, $1::int) p`,
    [referents],
  );
  await run(
    'person_identities',
    `insert into person_identities (platform, external_id, person_id)
     select 'telegram', (10000000 + p)::text, p from generate_series(1, $1::int) p`,
    [referents],
  );
  await run(
    'chats',
    `insert into chats (id, platform, external_id, kind, locale)
     select $1::int + p, 'telegram', (10000000 + p)::text, 'private', 'fr'
     from generate_series(1, $2::int) p`,
    [shape.groups, referents],
  );
  await run(
    'chat_members',
    `insert into chat_members (chat_id, person_id)
     select (p - 1) / $1::int + 1, p from generate_series(1, $2::int) p`,
    [shape.referentsPerGroup, referents],
  );
  await run(
    'referents',
    `insert into referents (id, chat_id, person_id, status)
     select p, (p - 1) / $1::int + 1, p, 'active' from generate_series(1, $2::int) p`,
    [shape.referentsPerGroup, referents],
  );
  await run(
    'watched_neighbours',
    `insert into watched_neighbours (id, chat_id, referent_person_id, name, location, reach,
       status, consent_by, consent_recorded_by, consent_at, expires_on)
     select w, (r - 1) / $1::int + 1, r, 'Mme Voisine ' || w, 'Bât. A, ' || (w % 6) || 'e étage',
       'sonner deux fois', 'active', 'referent', r, $2::timestamptz - interval '10 days', $3
     from (select w, (w - 1) / $4::int + 1 as r from generate_series(1, $5::int) w) s`,
    [shape.referentsPerGroup, at, shape.expiresOn, shape.neighboursPerReferent, watched],
  );
  // Ids were given explicitly: the sequences move past them.
  for (const table of ['chats', 'people', 'referents', 'watched_neighbours']) {
    await sql.unsafe(
      `select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`,
    );
  }
  await sql.unsafe('analyze');
  return rows;
}

/** The département's heat vigilance at orange, as an administrator would have declared it. */
export async function declareOrange(sql: postgres.Sql, departement: string, now: Date) {
  await sql`insert into vigilance_levels (departement, hazard, level, source, changed_at)
    values (${departement}, 'heat', 'orange', 'bench', ${now.toISOString()})`;
}
