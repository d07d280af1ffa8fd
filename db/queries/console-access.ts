// Who may open the partner cities' console (Villes solidaires) and how: invitations to a
// partner's staff, one-time login links sent by /console in a private chat, and the sessions
// those links open. Tokens are random (256 bits); only their SHA-256 is stored, so a copy of
// the database opens nothing. Every check reads the rows again: removing a staff member
// ends their access at their next request.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, getTableColumns, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { isoTime } from './privacy-export.ts';
import {
  consoleLoginTokens,
  consoleSessions,
  partnerStaff,
  partners,
  personIdentities,
  staffInvitations,
} from '../schema.ts';

export type StaffRole = (typeof partnerStaff.$inferSelect)['role'];
export const staffRoles: readonly StaffRole[] = ['agent', 'ccas'];

/** A new random token (URL-safe) and the hash under which it is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// ---- invitations ---------------------------------------------------------------------

export async function createStaffInvitation(
  db: DbOrTx,
  invitation: { partnerId: number; role: StaffRole; expiresAt: Date },
): Promise<string> {
  const { token, hash } = newToken();
  await db.insert(staffInvitations).values({ tokenHash: hash, ...invitation });
  return token;
}

/**
 * Uses an invitation, once: the person joins the partner's staff with its role (a person
 * already on the staff takes the invitation's role). False when the invitation was used or
 * expired meanwhile.
 */
export async function acceptStaffInvitation(
  db: DbOrTx,
  token: string,
  personId: number,
  now: Date,
): Promise<{ partnerId: number; partnerName: string; role: StaffRole } | undefined> {
  const [used] = await db
    .update(staffInvitations)
    .set({ acceptedAt: now, acceptedBy: personId })
    .where(
      and(
        eq(staffInvitations.tokenHash, hashToken(token)),
        isNull(staffInvitations.acceptedAt),
        gt(staffInvitations.expiresAt, now),
      ),
    )
    .returning({ partnerId: staffInvitations.partnerId, role: staffInvitations.role });
  if (!used) return undefined;
  await db
    .insert(partnerStaff)
    .values({ partnerId: used.partnerId, personId, role: used.role })
    .onConflictDoUpdate({
      target: [partnerStaff.partnerId, partnerStaff.personId],
      set: { role: used.role },
    });
  const [partner] = await db
    .select({ name: partners.name })
    .from(partners)
    .where(eq(partners.id, used.partnerId));
  return { ...used, partnerName: partner?.name ?? '' };
}

// ---- staff ---------------------------------------------------------------------------

export interface StaffMembership {
  partnerId: number;
  partnerName: string;
  role: StaffRole;
}

export async function findStaffMemberships(
  db: DbOrTx,
  personId: number,
): Promise<StaffMembership[]> {
  return db
    .select({
      partnerId: partnerStaff.partnerId,
      partnerName: partners.name,
      role: partnerStaff.role,
    })
    .from(partnerStaff)
    .innerJoin(partners, eq(partners.id, partnerStaff.partnerId))
    .where(eq(partnerStaff.personId, personId))
    .orderBy(partners.name);
}

/** Removes a person from a partner's staff; their open sessions see it at once. */
export async function removeStaff(db: DbOrTx, partnerId: number, personId: number): Promise<void> {
  await db
    .delete(partnerStaff)
    .where(and(eq(partnerStaff.partnerId, partnerId), eq(partnerStaff.personId, personId)));
}

/** The `platform:id` names of a person (to compare with BOT_ADMINS). */
export async function findIdentityNames(db: DbOrTx, personId: number): Promise<string[]> {
  const rows = await db
    .select({ platform: personIdentities.platform, externalId: personIdentities.externalId })
    .from(personIdentities)
    .where(eq(personIdentities.personId, personId));
  return rows.map((r) => `${r.platform}:${r.externalId}`);
}

// ---- one-time login links ------------------------------------------------------------

export async function createLoginToken(
  db: DbOrTx,
  personId: number,
  expiresAt: Date,
): Promise<string> {
  const { token, hash } = newToken();
  await db.insert(consoleLoginTokens).values({ tokenHash: hash, personId, expiresAt });
  return token;
}

/** Whether a login link can still be used (for the page that asks to confirm). */
export async function isLoginTokenUsable(db: DbOrTx, token: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ personId: consoleLoginTokens.personId })
    .from(consoleLoginTokens)
    .where(
      and(
        eq(consoleLoginTokens.tokenHash, hashToken(token)),
        isNull(consoleLoginTokens.usedAt),
        gt(consoleLoginTokens.expiresAt, now),
      ),
    );
  return row !== undefined;
}

/** Uses a login link, once: the person it was made for, or undefined (unknown, used, expired). */
export async function consumeLoginToken(
  db: DbOrTx,
  token: string,
  now: Date,
): Promise<number | undefined> {
  const [row] = await db
    .update(consoleLoginTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(consoleLoginTokens.tokenHash, hashToken(token)),
        isNull(consoleLoginTokens.usedAt),
        gt(consoleLoginTokens.expiresAt, now),
      ),
    )
    .returning({ personId: consoleLoginTokens.personId });
  return row?.personId;
}

// ---- sessions ------------------------------------------------------------------------

export interface OpenedSession {
  /** The cookie's value. */
  token: string;
  csrfToken: string;
}

export async function openSession(
  db: DbOrTx,
  session: { personId: number; locale: string; now: Date; expiresAt: Date },
): Promise<OpenedSession> {
  const { token, hash } = newToken();
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(consoleSessions).values({
    tokenHash: hash,
    personId: session.personId,
    csrfToken,
    locale: session.locale,
    lastSeenAt: session.now,
    expiresAt: session.expiresAt,
  });
  return { token, csrfToken };
}

export type SessionRow = typeof consoleSessions.$inferSelect;

/** A session's use is written down at most this often (a page is not a write). */
const TOUCH_EVERY_MS = 60_000;

/**
 * The live session of a token (not expired, not idle; its last use recorded at most every
 * TOUCH_EVERY_MS), with the person's `platform:id` names and staff memberships read in the same
 * statement (one round trip, not three, at every request of the console): read at every
 * request all the same, so a removed staff member is refused at their next one.
 */
export async function findSessionAccess(
  db: DbOrTx,
  token: string,
  now: Date,
  idleMs: number,
): Promise<{ session: SessionRow; names: string[]; memberships: StaffMembership[] } | undefined> {
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({
      session: getTableColumns(consoleSessions),
      // As text, so both drivers give the same string to parse. The outer row's column is
      // named with its table: drizzle writes a one-table select's columns unqualified.
      names: sql<string>`(SELECT coalesce(json_agg(i.platform || ':' || i.external_id), '[]')::text
        FROM ${personIdentities} i WHERE i.person_id = console_sessions.person_id)`,
      memberships: sql<string>`(SELECT coalesce(json_agg(json_build_object(
          'partnerId', s.partner_id, 'partnerName', p.name, 'role', s.role) ORDER BY p.name), '[]')::text
        FROM ${partnerStaff} s JOIN ${partners} p ON p.id = s.partner_id
        WHERE s.person_id = console_sessions.person_id)`,
    })
    .from(consoleSessions)
    .where(
      and(
        eq(consoleSessions.tokenHash, tokenHash),
        gt(consoleSessions.expiresAt, now),
        gt(consoleSessions.lastSeenAt, new Date(now.getTime() - idleMs)),
      ),
    );
  if (!row) return undefined;
  const session = row.session;
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db
      .update(consoleSessions)
      .set({ lastSeenAt: now })
      .where(eq(consoleSessions.tokenHash, tokenHash));
    session.lastSeenAt = now;
  }
  const memberships = (JSON.parse(row.memberships) as StaffMembership[]).map((m) => ({
    ...m,
    partnerId: Number(m.partnerId),
  }));
  return { session, names: JSON.parse(row.names) as string[], memberships };
}

export async function setSessionLocale(db: DbOrTx, token: string, locale: string): Promise<void> {
  await db
    .update(consoleSessions)
    .set({ locale })
    .where(eq(consoleSessions.tokenHash, hashToken(token)));
}

export async function closeSession(db: DbOrTx, token: string): Promise<void> {
  await db.delete(consoleSessions).where(eq(consoleSessions.tokenHash, hashToken(token)));
}

/** Removes dead sessions, used or expired login links and old invitations. */
export async function purgeConsoleAccess(db: DbOrTx, now: Date, idleMs: number): Promise<number> {
  const idleBefore = new Date(now.getTime() - idleMs);
  const dayBefore = new Date(now.getTime() - 86_400_000);
  const sessions = await db
    .delete(consoleSessions)
    .where(or(lt(consoleSessions.expiresAt, now), lt(consoleSessions.lastSeenAt, idleBefore)))
    .returning({ one: sql`1` });
  const tokens = await db
    .delete(consoleLoginTokens)
    .where(
      or(lt(consoleLoginTokens.expiresAt, dayBefore), lt(consoleLoginTokens.usedAt, dayBefore)),
    )
    .returning({ one: sql`1` });
  const invitations = await db
    .delete(staffInvitations)
    .where(lt(staffInvitations.expiresAt, new Date(now.getTime() - 30 * 86_400_000)))
    .returning({ one: sql`1` });
  return sessions.length + tokens.length + invitations.length;
}

// ---- privacy -------------------------------------------------------------------------

/** What the console keeps about a person (/mesdonnees): their staff roles and sessions. */
export interface ConsoleDataOfPerson {
  staff: { partner: string; role: StaffRole; since: string }[];
  openSessions: number;
  lastSessionAt: string | null;
}

export const CONSOLE_DATA_OF_PERSON = `json_build_object(
  'staff', (
    SELECT coalesce(json_agg(json_build_object(
        'partner', partners.name,
        'role', partner_staff.role,
        'since', ${isoTime('partner_staff.created_at')}
      ) ORDER BY partner_staff.created_at, partners.id), '[]')
    FROM partner_staff JOIN partners ON partners.id = partner_staff.partner_id
    WHERE partner_staff.person_id = $1::bigint),
  'openSessions', (SELECT count(*)::int FROM console_sessions WHERE person_id = $1::bigint),
  'lastSessionAt', (
    SELECT ${isoTime('max(last_seen_at)')} FROM console_sessions WHERE person_id = $1::bigint)
)`;

/** /oublier: the person leaves every partner's staff; their sessions and links end. */
export async function eraseConsoleDataOfPerson(db: DbOrTx, personId: number): Promise<void> {
  await db.delete(consoleSessions).where(eq(consoleSessions.personId, personId));
  await db.delete(consoleLoginTokens).where(eq(consoleLoginTokens.personId, personId));
  await db.delete(partnerStaff).where(eq(partnerStaff.personId, personId));
  await db
    .update(staffInvitations)
    .set({ acceptedBy: null })
    .where(eq(staffInvitations.acceptedBy, personId));
}
