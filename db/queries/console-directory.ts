// What the console shows besides figures: a partner's staff (for the association's
// administrators) and the groups whose admins chose to be seen by their city, by name.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { chats, partnerCommunes, partnerStaff, people } from '../schema.ts';
import type { StaffRole } from './console-access.ts';

export interface StaffListing {
  personId: number;
  displayName: string;
  role: StaffRole;
}

export async function listPartnerStaff(db: DbOrTx, partnerId: number): Promise<StaffListing[]> {
  return db
    .select({
      personId: partnerStaff.personId,
      displayName: people.displayName,
      role: partnerStaff.role,
    })
    .from(partnerStaff)
    .innerJoin(people, eq(people.id, partnerStaff.personId))
    .where(eq(partnerStaff.partnerId, partnerId))
    .orderBy(asc(people.displayName), asc(people.id));
}

/** The active groups of these communes whose admins chose `visible_to_city`: only their name. */
export async function findGroupsVisibleToCity(
  db: DbOrTx,
  communes: string[],
): Promise<{ id: number; name: string; groupKind: string | null }[]> {
  if (communes.length === 0) return [];
  return visibleGroups(db, inArray(chats.communeInsee, communes));
}

/**
 * The same for a partner's communes, named by the partner (so it needs not wait for the
 * partner's row: a city's page reads both at once).
 */
export async function findGroupsVisibleToPartner(
  db: DbOrTx,
  partnerId: number,
): Promise<{ id: number; name: string; groupKind: string | null }[]> {
  return visibleGroups(
    db,
    inArray(
      chats.communeInsee,
      db
        .select({ insee: partnerCommunes.insee })
        .from(partnerCommunes)
        .where(eq(partnerCommunes.partnerId, partnerId)),
    ),
  );
}

async function visibleGroups(db: DbOrTx, inCommunes: SQL) {
  const rows = await db
    .select({ id: chats.id, name: chats.name, title: chats.title, groupKind: chats.groupKind })
    .from(chats)
    .where(
      and(
        inCommunes,
        // Written as the partial index chats_visible_to_city's condition, without parameters:
        // the planner must see that it holds, even in a prepared statement's generic plan.
        sql`${chats.visibleToCity} AND ${chats.active} AND ${chats.kind} = 'group'`,
      ),
    );
  return rows
    .map((r) => ({ id: r.id, name: r.name ?? r.title ?? '', groupKind: r.groupKind }))
    .filter((r) => r.name !== '')
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
