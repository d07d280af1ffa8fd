// The privacy export (/mesdonnees) in one statement. Every section of the privacy registry
// gives a SQL expression that evaluates to its data about the person $1 as json; this module
// puts them side by side in one SELECT. Run section by section, the export took a dozen
// round trips, each costing more in query building and socket traffic than in PostgreSQL
// (bench/telegram-pipeline.ts). The statement text is fixed once the features are built, so
// every connection prepares it once.
//
// Fragments use json (not jsonb, which reorders keys), camelCase keys as the JSON copy has
// always had them, isoTime for timestamps, and an explicit ORDER BY for every list
// (creation order, mostly).
import { queryStatement, type DbOrTx } from '../client.ts';

/**
 * A timestamptz column as JSON.stringify writes a Date: ISO 8601 in UTC, milliseconds
 * (truncated, as a Date truncates PostgreSQL's microseconds), e.g. 2026-11-26T09:00:00.123Z.
 */
export function isoTime(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A table row as a fragment gives it: timestamps are ISO strings (see isoTime). */
export type JsonRow<Row> = { [K in keyof Row]: IsoDates<Row[K]> };
type IsoDates<Value> = Value extends Date ? string : Value;

/** What the foundation itself keeps about a person (PERSON_DATA is null when they are gone). */
export interface PersonData {
  displayName: string;
  platform: string;
  identities: string[];
  locale: string | null;
  reachablePrivately: boolean;
  createdAt: string;
  lastSeenAt: string;
  /** The groups the person is (still) known in, by name or else title, and when they last used the bot there (to
   * the day: the partner cities' "neighbours active" figure). */
  groups: { name: string | null; since: string; lastActiveAt: string | null }[];
}

export const PERSON_DATA = `(
  SELECT json_build_object(
    'displayName', p.display_name,
    'platform', p.platform,
    'identities',
      (SELECT coalesce(json_agg(external_id), '[]') FROM person_identities WHERE person_id = p.id),
    'locale', p.locale,
    'reachablePrivately', p.reachable_privately,
    'createdAt', ${isoTime('p.created_at')},
    'lastSeenAt', ${isoTime('p.last_seen_at')},
    'groups', (
      SELECT coalesce(json_agg(json_build_object(
          'name', coalesce(chats.name, chats.title),
          'since', ${isoTime('chat_members.first_seen_at')},
          'lastActiveAt', ${isoTime('chat_members.last_active_at')}
        ) ORDER BY chat_members.first_seen_at, chats.id), '[]')
      FROM chat_members JOIN chats ON chats.id = chat_members.chat_id
      WHERE chat_members.person_id = p.id AND chat_members.left_at IS NULL)
  )
  FROM people p WHERE p.id = $1::bigint
)`;

/** Reads every section's data about a person, in the order the fragments were given. */
export type FindPrivacyExport = (db: DbOrTx, personId: number) => Promise<unknown[]>;

/**
 * Builds the export's statement once from the sections' fragments (SQL expressions using
 * $1::bigint for the person id): one column per section.
 */
export function createFindPrivacyExport(fragments: readonly string[]): FindPrivacyExport {
  const columns = fragments.map((fragment, i) => `(${fragment}) AS section_${i}`);
  const text = `SELECT\n${columns.join(',\n')}`;
  return async (db, personId) => {
    const [row] = await queryStatement<Record<string, unknown>>(db, text, [personId]);
    return fragments.map((_, i) => row?.[`section_${i}`] ?? null);
  };
}
