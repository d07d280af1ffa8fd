import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { queryStatement, type DbOrTx } from '../client.ts';
import { forgetChat, identityCacheOf, rememberChat } from '../identity-cache.ts';
import { chats, gatherings, helpRequests } from '../schema.ts';

export type ChatRow = typeof chats.$inferSelect;
export type ChatSettings = Pick<
  ChatRow,
  | 'locale'
  | 'secondLocale'
  | 'groupKind'
  | 'name'
  | 'postcode'
  | 'communeInsee'
  | 'departement'
  | 'timezone'
  | 'kitSuggestions'
  | 'distressListening'
  | 'quartierId'
  | 'visibleToCity'
  | 'cityMessages'
>;

export interface ChatSeen {
  platform: string;
  externalId: string;
  kind: 'group' | 'private';
  title?: string | undefined;
  /** Language for a chat created now (a private chat takes the person's client language). */
  locale: string;
}

/** Records a chat the bot sees; keeps its settings, refreshes its title. */
export async function saveChatSeen(db: DbOrTx, seen: ChatSeen): Promise<ChatRow> {
  const [row] = await db
    .insert(chats)
    .values({
      platform: seen.platform,
      externalId: seen.externalId,
      kind: seen.kind,
      title: seen.title ?? null,
      locale: seen.locale,
    })
    .onConflictDoUpdate({
      target: [chats.platform, chats.externalId],
      set: { title: sql`coalesce(excluded.title, ${chats.title})` },
    })
    .returning();
  if (!row) throw new Error('saveChatSeen returned no row');
  forgetChat(db, row.id);
  return row;
}

export async function findChat(
  db: DbOrTx,
  platform: string,
  externalId: string,
): Promise<ChatRow | undefined> {
  // Asked on every numbered menu sent on WhatsApp and the terminal: the identity cache
  // (kept in step with every write, see db/identity-cache.ts) usually knows the chat.
  const cached = identityCacheOf(db)?.findChat(platform, externalId);
  if (cached) return cached;
  const [row] = await db
    .select()
    .from(chats)
    .where(and(eq(chats.platform, platform), eq(chats.externalId, externalId)));
  return row;
}

/**
 * The groups the bot is in on a platform, newest first, at most `limit`: whom to ask about a
 * person the bot knows in none (handlers/access.ts, findGroupsOf).
 */
export async function findActiveGroups(
  db: DbOrTx,
  platform: string,
  limit: number,
): Promise<ChatRow[]> {
  return db
    .select()
    .from(chats)
    .where(and(eq(chats.platform, platform), eq(chats.kind, 'group'), eq(chats.active, true)))
    .orderBy(desc(chats.id))
    .limit(limit);
}

export async function findChatById(db: DbOrTx, id: number): Promise<ChatRow | undefined> {
  const [row] = await db.select().from(chats).where(eq(chats.id, id));
  return row;
}

/**
 * Saves a group's settings, given its row as this event read it. Settings that already hold
 * these values are not written again (a second press of the same button costs no round trip);
 * Telegram delivers a chat's updates in order, so that row is the chat's current one.
 */
export async function saveChatSettings(
  db: DbOrTx,
  chat: ChatRow,
  settings: Partial<ChatSettings>,
): Promise<ChatRow> {
  const keys = (Object.keys(settings) as (keyof ChatSettings)[])
    .filter((key) => settings[key] !== undefined && settings[key] !== chat[key])
    .sort();
  if (keys.length === 0) return chat;
  const readAt = identityCacheOf(db)?.startRead() ?? 0;
  const [row] = await queryStatement<{ chat: Record<string, unknown> | null; version: string }>(
    db,
    settingsStatement(keys),
    [chat.id, ...keys.map((key) => settings[key])],
  );
  if (!row?.chat) {
    forgetChat(db, chat.id);
    throw new Error(`chat ${chat.id} not found`);
  }
  // Kept as written: the members' next events in this chat read nothing.
  const saved = toChatRow(row.chat);
  rememberChat(db, readAt, saved, row.version);
  return saved;
}

const settingColumns: Record<keyof ChatSettings, string> = {
  locale: 'locale',
  secondLocale: 'second_locale',
  groupKind: 'group_kind',
  name: 'name',
  postcode: 'postcode',
  communeInsee: 'commune_insee',
  departement: 'departement',
  timezone: 'timezone',
  kitSuggestions: 'kit_suggestions',
  distressListening: 'distress_listening',
  quartierId: 'quartier_id',
  visibleToCity: 'visible_to_city',
  cityMessages: 'city_messages',
};

/** One statement text per set of changed settings (a handful in practice), built once. */
const settingsStatements = new Map<string, string>();

function settingsStatement(keys: (keyof ChatSettings)[]): string {
  const id = keys.join(',');
  let text = settingsStatements.get(id);
  if (text === undefined) {
    const set = keys.map((key, i) => `${settingColumns[key]} = $${i + 2}`).join(', ');
    text =
      `WITH u AS (UPDATE chats SET ${set}, updated_at = now() WHERE id = $1 RETURNING *) ` +
      `SELECT row_to_json(u) AS chat, pg_current_xact_id()::text AS version FROM u`;
    settingsStatements.set(id, text);
  }
  return text;
}

const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

/** A chats row as the driver or row_to_json gives it (snake_case) to a ChatRow. */
export function toChatRow(r: Record<string, unknown>): ChatRow {
  return {
    id: Number(r.id),
    platform: String(r.platform),
    externalId: String(r.external_id),
    kind: r.kind as ChatRow['kind'],
    title: (r.title as string | null) ?? null,
    locale: String(r.locale),
    secondLocale: (r.second_locale as string | null) ?? null,
    groupKind: (r.group_kind as ChatRow['groupKind']) ?? null,
    name: (r.name as string | null) ?? null,
    postcode: (r.postcode as string | null) ?? null,
    communeInsee: (r.commune_insee as string | null) ?? null,
    departement: (r.departement as string | null) ?? null,
    timezone: String(r.timezone),
    kitSuggestions: Boolean(r.kit_suggestions),
    distressListening: Boolean(r.distress_listening),
    quartierId:
      r.quartier_id === null || r.quartier_id === undefined ? null : Number(r.quartier_id),
    visibleToCity: Boolean(r.visible_to_city),
    cityMessages: r.city_messages === undefined ? true : Boolean(r.city_messages),
    cityMessagesNotedAt:
      r.city_messages_noted_at === null || r.city_messages_noted_at === undefined
        ? null
        : date(r.city_messages_noted_at),
    active: Boolean(r.active),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export async function markChatActive(db: DbOrTx, chatId: number, active: boolean): Promise<void> {
  await db
    .update(chats)
    .set({ active, updatedAt: sql`now()` })
    .where(eq(chats.id, chatId));
  forgetChat(db, chatId);
}

/**
 * A Telegram group upgraded to a supergroup gets a new id. Its row keeps its internal id
 * (so everything attached to it stays), and takes the new external id. If the new id was
 * already recorded (the supergroup's first update arrived first), that empty twin goes.
 * The old group's messages stay under its old id, and in the supergroup their ids name
 * other messages: the ones the bot edits (a gathering's running count, a need's card) are
 * forgotten, so that a new one is posted rather than someone else's message edited. (A
 * poll keeps the id of the chat it was posted in: see closeDatePoll.)
 */
export async function saveChatMigration(
  db: DbOrTx,
  platform: string,
  oldExternalId: string,
  newExternalId: string,
): Promise<void> {
  const old = await findChat(db, platform, oldExternalId);
  if (!old) return;
  const twins = await db
    .delete(chats)
    .where(and(eq(chats.platform, platform), eq(chats.externalId, newExternalId)))
    .returning({ id: chats.id });
  await db
    .update(chats)
    .set({ externalId: newExternalId, updatedAt: sql`now()` })
    .where(eq(chats.id, old.id));
  await db
    .update(gatherings)
    .set({ summaryMessageId: null })
    .where(and(eq(gatherings.chatId, old.id), isNotNull(gatherings.summaryMessageId)));
  await db
    .update(helpRequests)
    .set({ cardMessageId: null })
    .where(and(eq(helpRequests.chatId, old.id), isNotNull(helpRequests.cardMessageId)));
  for (const { id } of [...twins, old]) forgetChat(db, id);
}
