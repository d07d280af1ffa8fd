// Partner cities (Villes solidaires): their communes and quartiers, and the groups in them.
// A commune may belong to more than one partner (a commune and its intercommunality).
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { partnerCommunes, partners, quartiers } from '../schema.ts';

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
}

export async function addQuartiers(db: DbOrTx, partnerId: number, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await db
    .insert(quartiers)
    .values([...new Set(names)].map((name) => ({ partnerId, name })))
    .onConflictDoNothing();
}

export async function renamePartner(db: DbOrTx, partnerId: number, name: string): Promise<void> {
  await db.update(partners).set({ name }).where(eq(partners.id, partnerId));
}

export async function findPartner(
  db: DbOrTx,
  partnerId: number,
): Promise<PartnerDetails | undefined> {
  const [row] = await db.select().from(partners).where(eq(partners.id, partnerId));
  if (!row) return undefined;
  const communes = await db
    .select({ insee: partnerCommunes.insee })
    .from(partnerCommunes)
    .where(eq(partnerCommunes.partnerId, partnerId))
    .orderBy(asc(partnerCommunes.insee));
  const rows = await db
    .select()
    .from(quartiers)
    .where(eq(quartiers.partnerId, partnerId))
    .orderBy(asc(quartiers.name));
  return { ...row, communes: communes.map((c) => c.insee), quartiers: rows };
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
  return db
    .select({ id: partners.id, name: partners.name, createdAt: partners.createdAt })
    .from(partners)
    .innerJoin(partnerCommunes, eq(partnerCommunes.partnerId, partners.id))
    .where(eq(partnerCommunes.insee, insee))
    .orderBy(asc(partners.name));
}

/** Whether each of these INSEE codes is covered by some partner. */
export async function findCoveredCommunes(db: DbOrTx, insees: string[]): Promise<Set<string>> {
  if (insees.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ insee: partnerCommunes.insee })
    .from(partnerCommunes)
    .where(inArray(partnerCommunes.insee, insees));
  return new Set(rows.map((r) => r.insee));
}

export async function deletePartner(db: DbOrTx, partnerId: number): Promise<void> {
  await db.delete(partners).where(eq(partners.id, partnerId));
}
