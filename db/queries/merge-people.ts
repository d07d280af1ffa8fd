// One person per human. On WhatsApp a neighbour has two ids, `…@c.us` (their number) and
// `…@lid` (groups mostly deliver this one), and the link between them is not always known when
// they first write: the bot may then create one person row per id. When a later event links
// the ids (the library found the other one), the rows are merged here, in one transaction,
// with everything that points at them.
//
// "Everything" is read from PostgreSQL's catalog (every foreign key to people.id), not listed
// by hand, so that a table added later is merged too. Where a unique index would be broken by
// moving a row (both rows voted on the same poll, are members of the same group, volunteer in
// the same group…), the row of the person kept wins and the other is dropped.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../client.ts';
import { forgetPerson } from '../identity-cache.ts';

interface Reference {
  table: string;
  column: string;
  /** Unique indexes over the column: their other columns, and their predicate if partial. */
  uniques: { others: string[]; predicate: string | null }[];
}

const references = new WeakMap<object, Promise<Reference[]>>();

/** Every column that references people.id, read once per database handle. */
function referencesOf(db: DbOrTx): Promise<Reference[]> {
  let found = references.get(db);
  if (!found) {
    found = readReferences(db);
    references.set(db, found);
    found.catch(() => references.delete(db));
  }
  return found;
}

async function readReferences(db: DbOrTx): Promise<Reference[]> {
  const rows = await queryRows<{
    table: string;
    column: string;
    uniques: { others: string[]; predicate: string | null }[] | string | null;
  }>(
    db,
    sql`
      SELECT c.conrelid::regclass::text AS "table", a.attname AS "column",
        (SELECT coalesce(json_agg(json_build_object(
            'others', (SELECT coalesce(json_agg(o.attname), '[]'::json) FROM pg_attribute o
                       WHERE o.attrelid = i.indrelid AND o.attnum = ANY(i.indkey)
                         AND o.attnum <> a.attnum),
            'predicate', pg_get_expr(i.indpred, i.indrelid))), '[]'::json)
         FROM pg_index i
         WHERE i.indrelid = c.conrelid AND i.indisunique AND a.attnum = ANY(i.indkey)) AS uniques
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.confrelid = 'people'::regclass
      ORDER BY 1, 2`,
  );
  return rows.map((row): Reference => ({
    table: row.table,
    column: row.column,
    uniques:
      (typeof row.uniques === 'string'
        ? (JSON.parse(row.uniques) as Reference['uniques'])
        : row.uniques) ?? [],
  }));
}

/**
 * Merges every person known by one of these ids into the oldest of them. Returns the id of
 * the person kept, or undefined when the ids name fewer than two people (nothing to do).
 */
export async function mergePeopleByIdentities(
  db: DbOrTx,
  platform: string,
  ids: string[],
): Promise<number | undefined> {
  if (ids.length < 2) return undefined;
  const found = await personIdsOf(db, platform, ids);
  if (found.length < 2) return undefined;
  const refs = await referencesOf(db);
  const kept = await db.transaction(async (tx) => {
    // Read again under lock: another event may have merged them meanwhile.
    const locked = await queryRows<{ id: number | string }>(
      tx,
      sql`SELECT id FROM people WHERE id IN (
            SELECT person_id FROM person_identities
            WHERE platform = ${platform} AND external_id IN ${ids})
          ORDER BY id FOR UPDATE`,
    );
    const [keep, ...others] = locked.map((row) => Number(row.id));
    if (keep === undefined || others.length === 0) return undefined;
    for (const other of others) await mergeInto(tx, refs, keep, other);
    return { keep, others };
  });
  if (!kept) return undefined;
  for (const id of [kept.keep, ...kept.others]) forgetPerson(db, id);
  return kept.keep;
}

async function personIdsOf(db: DbOrTx, platform: string, ids: string[]): Promise<number[]> {
  const rows = await queryRows<{ person_id: number | string }>(
    db,
    sql`SELECT DISTINCT person_id FROM person_identities
        WHERE platform = ${platform} AND external_id IN ${ids}`,
  );
  return rows.map((row) => Number(row.person_id));
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

async function mergeInto(tx: DbOrTx, refs: Reference[], keep: number, other: number) {
  for (const ref of refs) {
    const table = sql.raw(ref.table);
    const column = ident(ref.column);
    for (const unique of ref.uniques) {
      // The other's rows that would collide with the kept person's under this index.
      const same = unique.others.map((name) => sql`y.${ident(name)} = x.${ident(name)}`);
      const inIndex = (alias: string) =>
        unique.predicate === null
          ? sql`true`
          : sql`EXISTS (SELECT 1 FROM (SELECT ${sql.raw(alias)}.*) AS r WHERE ${sql.raw(
              unique.predicate,
            )})`;
      await queryRows(
        tx,
        sql`DELETE FROM ${table} AS x WHERE x.${column} = ${other} AND ${inIndex('x')}
            AND EXISTS (SELECT 1 FROM ${table} AS y WHERE y.${column} = ${keep}
              ${same.length > 0 ? sql`AND ${sql.join(same, sql` AND `)}` : sql``}
              AND ${inIndex('y')})`,
      );
    }
    await queryRows(tx, sql`UPDATE ${table} SET ${column} = ${keep} WHERE ${column} = ${other}`);
  }
  // What the person said about themselves: the kept row's, completed by the other's.
  await queryRows(
    tx,
    sql`UPDATE people AS p SET
          display_name = coalesce(nullif(p.display_name, ''), o.display_name),
          locale = coalesce(p.locale, o.locale),
          reachable_privately = p.reachable_privately OR o.reachable_privately,
          created_at = least(p.created_at, o.created_at),
          last_seen_at = greatest(p.last_seen_at, o.last_seen_at)
        FROM people AS o WHERE p.id = ${keep} AND o.id = ${other}`,
  );
  await queryRows(tx, sql`DELETE FROM people WHERE id = ${other}`);
}
