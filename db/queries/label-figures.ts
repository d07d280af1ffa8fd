// The figures of a partner's "ville conviviale" label, in one statement: its groups (active,
// in its communes), those that held a fête des voisins in the year (the rollups' chat rows),
// services rendered in the year (the rollups' commune rows), and its heat-exposed quartiers
// with, among them, those where a group has an active referent. A few index lookups per
// group of the city: fine for one city's page, not meant for a national scan.
import { compactStatement as compact, queryStatement, type DbOrTx } from '../client.ts';

export interface LabelFigures {
  groups: number;
  feteGroups: number;
  services: number;
  heatQuartiers: number;
  heatQuartiersWithReferent: number;
}

const READ_LABEL_FIGURES = compact(`
  WITH g AS (
    SELECT id FROM chats
    WHERE kind = 'group' AND active AND commune_insee = ANY($1::text[])
  )
  SELECT
    (SELECT count(*) FROM g) AS groups,
    (SELECT count(*) FROM g JOIN activity_rollups r
       ON r.scope = 'chat:' || g.id::text AND r.period = $2::text
      AND r.metric = 'gathering:held:fete' AND r.value > 0) AS fete_groups,
    (SELECT coalesce(sum(r.value), 0) FROM activity_rollups r
      WHERE r.scope = ANY($3::text[]) AND r.period = $2::text
        AND left(r.metric, 8) = 'service:') AS services,
    (SELECT count(*) FROM quartiers q WHERE q.partner_id = $4::bigint AND q.heat_exposed)
      AS heat_quartiers,
    (SELECT count(*) FROM quartiers q
      WHERE q.partner_id = $4::bigint AND q.heat_exposed AND EXISTS (
        SELECT 1 FROM chats c JOIN referents rf ON rf.chat_id = c.id
        WHERE c.quartier_id = q.id AND c.active AND rf.status = 'active'))
      AS heat_quartiers_with_referent
`);

export async function readLabelFigures(
  db: DbOrTx,
  partner: { id: number; communes: string[] },
  year: number,
): Promise<LabelFigures> {
  const [row] = await queryStatement<Record<string, string | number>>(db, READ_LABEL_FIGURES, [
    `{${partner.communes.join(',')}}`,
    String(year),
    `{${partner.communes.map((c) => `insee:${c}`).join(',')}}`,
    partner.id,
  ]);
  return {
    groups: Number(row?.groups ?? 0),
    feteGroups: Number(row?.fete_groups ?? 0),
    services: Number(row?.services ?? 0),
    heatQuartiers: Number(row?.heat_quartiers ?? 0),
    heatQuartiersWithReferent: Number(row?.heat_quartiers_with_referent ?? 0),
  };
}
