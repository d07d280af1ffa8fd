// Requests to register a watched neighbour on a partner's CCAS registry of vulnerable people:
// filed by their referent with the neighbour's consent, seen and marked handled by the CCAS in
// the console (which then tells the referent through a durable job), purged some days after.
// Every read by the console names the partner: a request of partner A is never found through
// partner B's pages, whatever id a form carries.
import { and, asc, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { enqueueJob } from './jobs.ts';
import { isoTime } from './privacy-export.ts';
import { people, registryRequests } from '../schema.ts';

export type RegistryRequestRow = typeof registryRequests.$inferSelect;

export async function createRegistryRequest(
  db: DbOrTx,
  request: Omit<typeof registryRequests.$inferInsert, 'id' | 'createdAt' | 'status'>,
): Promise<RegistryRequestRow> {
  const [row] = await db
    .insert(registryRequests)
    .values({ ...request, status: 'awaiting_consent' })
    .returning();
  return row!;
}

export async function findRegistryRequest(
  db: DbOrTx,
  id: number,
): Promise<RegistryRequestRow | undefined> {
  const [row] = await db.select().from(registryRequests).where(eq(registryRequests.id, id));
  return row;
}

/** A request of the same neighbour not yet handled (one at a time). */
export async function findPendingRequestOfWatched(
  db: DbOrTx,
  watchedId: number,
): Promise<RegistryRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(registryRequests)
    .where(
      and(
        eq(registryRequests.watchedId, watchedId),
        inArray(registryRequests.status, ['awaiting_consent', 'open']),
      ),
    );
  return row;
}

/** The consent is recorded: the request goes to the CCAS. Undefined when already decided. */
export async function confirmRegistryRequest(
  db: DbOrTx,
  id: number,
  consent: { consentBy: 'self' | 'referent'; now: Date },
): Promise<RegistryRequestRow | undefined> {
  const [row] = await db
    .update(registryRequests)
    .set({ status: 'open', consentBy: consent.consentBy, consentAt: consent.now })
    .where(and(eq(registryRequests.id, id), eq(registryRequests.status, 'awaiting_consent')))
    .returning();
  return row;
}

export async function deleteRegistryRequest(db: DbOrTx, id: number): Promise<void> {
  await db.delete(registryRequests).where(eq(registryRequests.id, id));
}

/** The partner's requests the CCAS sees, with the referent's display name: open first,
 * then the handled ones not yet purged. */
export async function listRegistryRequests(
  db: DbOrTx,
  partnerId: number,
): Promise<(RegistryRequestRow & { referentName: string | null })[]> {
  const rows = await db
    .select({ request: registryRequests, referentName: people.displayName })
    .from(registryRequests)
    .leftJoin(people, eq(people.id, registryRequests.referentPersonId))
    .where(
      and(
        eq(registryRequests.partnerId, partnerId),
        inArray(registryRequests.status, ['open', 'handled']),
      ),
    )
    .orderBy(desc(registryRequests.status), asc(registryRequests.createdAt));
  return rows.map((r) => ({ ...r.request, referentName: r.referentName }));
}

/**
 * The CCAS marks a request of its partner handled; the referent is told by a durable job (in
 * the same transaction: a request marked handled always has its message). False when the
 * request is not this partner's, not open, or gone.
 */
export async function markRegistryRequestHandled(
  db: DbOrTx,
  request: { partnerId: number; id: number; by: number; now: Date },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(registryRequests)
      .set({ status: 'handled', handledAt: request.now, handledBy: request.by })
      .where(
        and(
          eq(registryRequests.id, request.id),
          eq(registryRequests.partnerId, request.partnerId),
          eq(registryRequests.status, 'open'),
        ),
      )
      .returning({ id: registryRequests.id });
    if (!row) return false;
    await enqueueJob(tx, {
      kind: 'watchRegistryHandled',
      urgent: true,
      dedupeKey: `watch:registry-handled:${row.id}`,
      runAt: request.now,
      payload: { requestId: row.id },
      maxLatenessSeconds: 7 * 86_400,
    });
    return true;
  });
}

/** Handled requests older than `keepMs`, and consents never given within a day: deleted. */
export async function purgeRegistryRequests(
  db: DbOrTx,
  now: Date,
  keepMs: number,
): Promise<number> {
  const gone = await db
    .delete(registryRequests)
    .where(
      or(
        and(
          eq(registryRequests.status, 'handled'),
          lt(registryRequests.handledAt, new Date(now.getTime() - keepMs)),
        ),
        and(
          eq(registryRequests.status, 'awaiting_consent'),
          lt(registryRequests.createdAt, new Date(now.getTime() - 86_400_000)),
        ),
      ),
    )
    .returning({ id: registryRequests.id });
  return gone.length;
}

export interface RegistryRequestsOfPerson {
  filedByThem: { name: string; status: string; createdAt: string; handledAt: string | null }[];
  aboutThem: { status: string; address: string; createdAt: string; handledAt: string | null }[];
}

/** For /mesdonnees (see privacy-export.ts): the requests a person filed, and those about them. */
export const REGISTRY_REQUESTS_OF_PERSON = `json_build_object(
  'filedByThem', (
    SELECT coalesce(json_agg(json_build_object('name', name, 'status', status,
        'createdAt', ${isoTime('created_at')}, 'handledAt', ${isoTime('handled_at')}) ORDER BY id), '[]')
    FROM registry_requests WHERE referent_person_id = $1::bigint),
  'aboutThem', (
    SELECT coalesce(json_agg(json_build_object('status', status, 'address', address,
        'createdAt', ${isoTime('created_at')}, 'handledAt', ${isoTime('handled_at')}) ORDER BY id), '[]')
    FROM registry_requests WHERE person_id = $1::bigint)
)`;

/** /oublier: the requests about the person and those they filed are deleted (a CCAS that
 * already copied one into its registry keeps its own copy, under its own legal duty). */
export async function eraseRegistryRequestsOfPerson(db: DbOrTx, personId: number): Promise<void> {
  await db
    .delete(registryRequests)
    .where(
      or(eq(registryRequests.personId, personId), eq(registryRequests.referentPersonId, personId)),
    );
}
