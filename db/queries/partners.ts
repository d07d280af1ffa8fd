// Partner cities (Villes solidaires): their communes and quartiers, and the groups in them.
// A commune may belong to more than one partner (a commune and its intercommunality).
import { and, asc, eq, sql } from 'drizzle-orm';
import { compactStatement as compact, queryStatement, type DbOrTx } from '../client.ts';
import { forgetPartners, identityCacheOf } from '../identity-cache.ts';
import { partnerCommunes, partners, partnerStaff, quartiers } from '../schema.ts';

export type PartnerRow = typeof partners.$inferSelect;
export type QuartierRow = typeof quartiers.$inferSelect;

export interface PartnerDetails extends PartnerRow {
  communes: string[];
  quartiers: QuartierRow[];
}

/** Creates a partner with its communes (INSEE codes, already checked) and quartiers. */
export async function createPartner(
  db: DbOrTx,
  partner: { name: string; communes: string[]; quartiers: string[] },
): Promise<number> {
  const [row] = await db.insert(partners).values({ name: partner.name }).returning();
  if (!row) throw new Error('partner not created');
  forgetPartners(db);
  await addPartnerCommunes(db, row.id, partner.communes);
  await addQuartiers(db, row.id, partner.quartiers);
  return row.id;
}

export async function addPartnerCommunes(
  db: DbOrTx,
  partnerId: number,
  communes: string[],
): Promise<void> {
  if (communes.length === 0) return;
  await db
    .insert(partnerCommunes)
    .values([...new Set(communes)].map((insee) => ({ partnerId, insee })))
    .onConflictDoNothing();
  forgetPartners(db);
}

export async function addQuartiers(db: DbOrTx, partnerId: number, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await db
    .insert(quartiers)
    .values([...new Set(names)].map((name) => ({ partnerId, name })))
    .onConflictDoNothing();
}

const FIND_PARTNER = compact(`
  SELECT p.id, p.name, p.ccas_phone, p.ccas_registry_howto, p.created_at,
    coalesce((SELECT array_agg(insee ORDER BY insee) FROM partner_communes
      WHERE partner_id = p.id), '{}') AS communes,
    coalesce((SELECT json_agg(json_build_object('id', q.id, 'partnerId', q.partner_id,
        'name', q.name, 'heatExposed', q.heat_exposed) ORDER BY q.name) FROM quartiers q WHERE q.partner_id = p.id), '[]')
      AS quartiers
  FROM partners p WHERE p.id = $1::bigint
`);

/** A partner with its communes and quartiers, in one statement (every city page). */
export async function findPartner(
  db: DbOrTx,
  partnerId: number,
): Promise<PartnerDetails | undefined> {
  const [row] = await queryStatement<{
    id: string | number;
    name: string;
    ccas_phone: string | null;
    ccas_registry_howto: string | null;
    created_at: Date | string;
    communes: string[];
    quartiers: QuartierRow[] | string;
  }>(db, FIND_PARTNER, [partnerId]);
  if (!row) return undefined;
  const quartierRows =
    typeof row.quartiers === 'string'
      ? (JSON.parse(row.quartiers) as QuartierRow[])
      : row.quartiers;
  return {
    id: Number(row.id),
    name: row.name,
    ccasPhone: row.ccas_phone,
    ccasRegistryHowto: row.ccas_registry_howto,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
    communes: row.communes,
    quartiers: quartierRows.map((q) => ({
      ...q,
      id: Number(q.id),
      partnerId: Number(q.partnerId),
    })),
  };
}

export async function listPartners(db: DbOrTx): Promise<PartnerRow[]> {
  return db.select().from(partners).orderBy(asc(partners.name), asc(partners.id));
}

/** The quartiers a group may be placed in: those of the partners covering its commune. */
export async function findQuartiersForCommune(
  db: DbOrTx,
  insee: string,
): Promise<(QuartierRow & { partnerName: string })[]> {
  const rows = await db
    .select({ quartier: quartiers, partnerName: partners.name })
    .from(quartiers)
    .innerJoin(partners, eq(partners.id, quartiers.partnerId))
    .innerJoin(partnerCommunes, eq(partnerCommunes.partnerId, quartiers.partnerId))
    .where(eq(partnerCommunes.insee, insee))
    .orderBy(asc(partners.name), asc(quartiers.name));
  return rows.map((r) => ({ ...r.quartier, partnerName: r.partnerName }));
}

/** The partners covering a commune (a group's city, for /parametres). */
export async function findPartnersOfCommune(db: DbOrTx, insee: string): Promise<PartnerRow[]> {
  // Asked each time a group's settings are shown: the process's cache keeps every covered
  // commune's partners, forgotten when a partner or its communes change (migration 0018).
  const cache = identityCacheOf(db);
  const cached = cache?.partnersOf(insee);
  if (cached) return cached;
  const readAt = cache?.startRead() ?? 0;
  const rows = await db
    .select({
      insee: partnerCommunes.insee,
      id: partners.id,
      name: partners.name,
      ccasPhone: partners.ccasPhone,
      ccasRegistryHowto: partners.ccasRegistryHowto,
      createdAt: partners.createdAt,
    })
    .from(partners)
    .innerJoin(partnerCommunes, eq(partnerCommunes.partnerId, partners.id))
    .where(cache ? undefined : eq(partnerCommunes.insee, insee))
    .orderBy(asc(partners.name));
  const byCommune = new Map<string, PartnerRow[]>();
  for (const { insee: commune, ...partner } of rows) {
    const list = byCommune.get(commune);
    if (list) list.push(partner);
    else byCommune.set(commune, [partner]);
  }
  cache?.storePartners(readAt, byCommune);
  return byCommune.get(insee) ?? [];
}

/** Every partner with its communes, in one statement (the national page). */
export async function listPartnersWithCommunes(
  db: DbOrTx,
): Promise<(PartnerRow & { communes: string[] })[]> {
  const rows = await db
    .select({
      id: partners.id,
      name: partners.name,
      ccasPhone: partners.ccasPhone,
      ccasRegistryHowto: partners.ccasRegistryHowto,
      createdAt: partners.createdAt,
      communes: sql<
        string[]
      >`coalesce(array_agg(${partnerCommunes.insee} ORDER BY ${partnerCommunes.insee}) FILTER (WHERE ${partnerCommunes.insee} IS NOT NULL), '{}')`,
    })
    .from(partners)
    .leftJoin(partnerCommunes, eq(partnerCommunes.partnerId, partners.id))
    .groupBy(partners.id)
    .orderBy(asc(partners.name), asc(partners.id));
  return rows;
}

/** The partner's CCAS: its number and how to register someone (null to clear). */
export async function saveCcasSettings(
  db: DbOrTx,
  partnerId: number,
  settings: { ccasPhone: string | null; ccasRegistryHowto: string | null },
): Promise<void> {
  await db.update(partners).set(settings).where(eq(partners.id, partnerId));
  forgetPartners(db);
}

/** Which of a partner's quartiers are exposed to heat (the label's last indicator). */
export async function saveHeatExposedQuartiers(
  db: DbOrTx,
  partnerId: number,
  quartierIds: number[],
): Promise<void> {
  await db
    .update(quartiers)
    .set({ heatExposed: sql`${quartiers.id} = ANY(${`{${quartierIds.join(',')}}`}::bigint[])` })
    .where(eq(quartiers.partnerId, partnerId));
}

export interface CcasOfChat {
  partnerId: number;
  partnerName: string;
  ccasPhone: string;
  ccasRegistryHowto: string | null;
}

/**
 * The CCAS of a group's partner city, among the partners covering the group's commune that
 * set their number. Where several do (a commune and its intercommunality, a city and one of
 * its arrondissements' mairies), the one nearest the group answers for it:
 * 1. the partner whose quartier the group's admins placed it in (that partner knows the
 *    group's street and counts it in its figures);
 * 2. otherwise the partner covering the fewest communes: the commune's own CCAS before an
 *    intercommunal CIAS (the registry of vulnerable people is the commune's, CASF L121-6-1);
 * 3. at equal size, the oldest partner, so the answer never changes from one day to the next.
 * The registry requests of `/veiller` go to the same partner as the number the group reads.
 */
export async function findCcasOfChat(db: DbOrTx, chatId: number): Promise<CcasOfChat | undefined> {
  const [row] = await queryStatement<{
    id: string | number;
    name: string;
    ccas_phone: string;
    ccas_registry_howto: string | null;
  }>(db, FIND_CCAS_OF_CHAT, [chatId]);
  return row
    ? {
        partnerId: Number(row.id),
        partnerName: row.name,
        ccasPhone: row.ccas_phone,
        ccasRegistryHowto: row.ccas_registry_howto,
      }
    : undefined;
}

const FIND_CCAS_OF_CHAT = compact(`
  SELECT p.id, p.name, p.ccas_phone, p.ccas_registry_howto
  FROM chats c
  JOIN partner_communes pc ON pc.insee = c.commune_insee
  JOIN partners p ON p.id = pc.partner_id
  WHERE c.id = $1::bigint AND p.ccas_phone IS NOT NULL
  ORDER BY
    EXISTS (SELECT 1 FROM quartiers q WHERE q.id = c.quartier_id AND q.partner_id = p.id) DESC,
    (SELECT count(*) FROM partner_communes n WHERE n.partner_id = p.id),
    p.id
  LIMIT 1
`);

/** The communes of the partners where the person is on the CCAS staff: the départements
 * whose heat and cold vigilance they may declare (/vigilance, and the console). */
export async function findCcasCommunesOfPerson(db: DbOrTx, personId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ insee: partnerCommunes.insee })
    .from(partnerCommunes)
    .innerJoin(partnerStaff, eq(partnerStaff.partnerId, partnerCommunes.partnerId))
    .where(and(eq(partnerStaff.personId, personId), eq(partnerStaff.role, 'ccas')))
    .orderBy(asc(partnerCommunes.insee));
  return rows.map((r) => r.insee);
}
