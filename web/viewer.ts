// Who is asking: the session of the cookie, then, at every request, the person's staff rows
// and administrator status read again (a removed staff member is refused at their next
// click, not at the end of their session).
import { timingSafeEqual } from 'node:crypto';
import type { DbOrTx } from '../db/client.ts';
import {
  findSessionAccess,
  type SessionRow,
  type StaffMembership,
} from '../db/queries/console-access.ts';

export const SESSION_COOKIE = 'vs_console';

export interface Viewer {
  personId: number;
  session: SessionRow;
  /** The cookie's value (the session's key). */
  cookie: string;
  isAdmin: boolean;
  memberships: StaffMembership[];
}

export async function findViewer(
  db: DbOrTx,
  cookie: string | undefined,
  now: Date,
  idleMs: number,
  botAdmins: readonly string[],
): Promise<Viewer | undefined> {
  if (!cookie) return undefined;
  const access = await findSessionAccess(db, cookie, now, idleMs);
  if (!access) return undefined;
  const { session, names, memberships } = access;
  const isAdmin = names.some((name) => botAdmins.includes(name));
  return { personId: session.personId, session, cookie, isAdmin, memberships };
}

/** Whether the viewer may see a partner's pages (unknown and forbidden look the same: 404). */
export function canSeePartner(viewer: Viewer, partnerId: number): boolean {
  return viewer.isAdmin || viewer.memberships.some((m) => m.partnerId === partnerId);
}

/** The heat and cold watch figures: the association and the partner's CCAS only. */
export function canSeeWatch(viewer: Viewer, partnerId: number): boolean {
  return (
    viewer.isAdmin || viewer.memberships.some((m) => m.partnerId === partnerId && m.role === 'ccas')
  );
}

export function isSameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The partner's CCAS registry requests (people's names and addresses): the partner's CCAS
 * staff only. Not the association, not an `agent`: the registry is the CCAS's. */
export function canSeeRegistry(viewer: Viewer, partnerId: number): boolean {
  return viewer.memberships.some((m) => m.partnerId === partnerId && m.role === 'ccas');
}
