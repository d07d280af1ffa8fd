// The chats and people a bot process has seen, kept in memory so that an event from a known
// person in a known chat costs one statement (recording its id) instead of reading three
// tables every time: about half of the bot's PostgreSQL time per event before this cache
// (bench/telegram-pipeline.ts). It also keeps the partner cities of covered communes, which
// every showing of a group's settings asks for (migration 0018 announces their changes).
//
// PostgreSQL stays the truth. Every change to a chat, a person, their ids or memberships
// fires a trigger (migration 0006) that notifies the 'identity_changes' channel; every
// process listens and forgets its copy. So several instances behind a load balancer stay in
// step, and so do changes made by hand. Writes made by this process also forget their rows at
// once (forgetChat/forgetPerson), before the notification comes back; a chat's settings,
// written by one statement, are kept as written instead (rememberChat): the announcement
// names the transaction (migration 0028), and this process's own is then not taken for a
// change, so the members' next events read nothing. The cache trusts the
// channel only while it hears its own pings on it: if the listening connection dies silently,
// it stops answering within LIVENESS_MS and every event reads the tables again.
import type { Database, DbOrTx } from './client.ts';
import type { ChatRow } from './queries/chats.ts';
import type { PartnerRow } from './queries/partners.ts';
import type { PersonRow } from './queries/people.ts';

const IDENTITY_CHANNEL = 'identity_changes';

/**
 * Bounds: about 25 MB at most (a chat ~0.4 KB, a person with their ids ~0.35 KB). Room for
 * a bot in 5,000 groups with their 40,000 people and their private chats: with less, the
 * people of one group push out those of another, and every event reads them again
 * (bench/telegram-pipeline.ts: with 5,000 chats and 20,000 people the bot reached ~52% of
 * a bare bot's throughput, with these bounds ~60%, for 2 MB more heap).
 */
const MAX_CHATS = 20_000;
const MAX_PEOPLE = 50_000;
/** A row is read again after this long even if nobody said it changed. */
const TTL_MS = 10 * 60_000;
const PING_EVERY_MS = 20_000;
/** Changes remembered for the reads in flight (see pruneChanges). */
const CHANGES_KEPT = 1_000;
/** Without hearing its own ping for this long, the cache stops answering. */
const LIVENESS_MS = 60_000;

/** Rows are kept with their dates as numbers: a Date costs 120 bytes, half of a person. */
type Packed<T> = { [K in keyof T]: T[K] extends Date ? number : T[K] };

interface CachedChat {
  row: Packed<ChatRow>;
  /** When it was stored, in whole seconds (see `stale`). */
  storedAt: number;
  /** When it was last moved to the recent end (whole seconds: see markUsed). */
  usedAt: number;
  /**
   * The transaction that wrote this version, when this process wrote it (rememberChat): the
   * announcement of that change is then this process's own, and changes nothing here.
   */
  writtenBy?: string;
}

interface CachedPerson {
  row: Packed<PersonRow>;
  /** Platform ids known to be this person's. */
  ids: OneOrMore<string>;
  /** Groups where the person is known as a member (left_at null). */
  memberOf: OneOrMore<number> | undefined;
  /** Groups where they are known to be marked active on `activeDay` (last_active_at). */
  activeIn: OneOrMore<number> | undefined;
  activeDay: number;
  /** When it was stored, in whole seconds (see `stale`). */
  storedAt: number;
  usedAt: number;
}

/** The UTC day, as chat_members.last_active_at's daily mark counts it. */
const today = () => Math.floor(Date.now() / 86_400_000);

/** Most people have one id and are in one group: an array costs 60 bytes, a Set 160. */
type OneOrMore<T> = T | T[];

function markActive(person: CachedPerson, chatId: number): void {
  const day = today();
  if (person.activeDay !== day) {
    person.activeDay = day;
    person.activeIn = undefined;
  }
  person.activeIn = withAdded(person.activeIn, chatId);
}

function includes<T>(values: OneOrMore<T> | undefined, value: T): boolean {
  return Array.isArray(values) ? values.includes(value) : values === value;
}

function withAdded<T>(values: OneOrMore<T> | undefined, value: T): OneOrMore<T> {
  if (values === undefined) return value;
  if (includes(values, value)) return values;
  return Array.isArray(values) ? [...values, value] : [values, value];
}

const each = <T>(values: OneOrMore<T> | undefined): T[] =>
  values === undefined ? [] : Array.isArray(values) ? values : [values];

export interface CachedIdentity {
  chat: ChatRow;
  person: PersonRow;
  /** Whether the person is known as a current member of the chat. */
  member: boolean;
  /** Whether they are known to be marked active in the chat today. */
  activeToday: boolean;
}

export class IdentityCache {
  private readonly chats = new Map<string, CachedChat>();
  private readonly chatKeys = new Map<number, string>();
  /** Per platform, platform id → person. */
  private readonly personIds = new Map<string, Map<string, number>>();
  private readonly people = new Map<number, CachedPerson>();
  /**
   * The partner cities of every covered commune (INSEE code), read whole (a few thousand rows
   * at most) and kept until a partner or its communes change: `/parametres` asks on every
   * showing, and most communes have none.
   */
  private partnersByCommune: Map<string, PartnerRow[]> | undefined;
  /** Ticks: a row read before its last change must not be stored. */
  private tick = 0;
  private readonly changedAt = new Map<string, number>();
  /**
   * The last announced change of each chat that named its transaction, with the tick it got
   * and the chat's tick before it: a write's own announcement may come back before the
   * statement's answer (PGlite delivers it during the statement).
   */
  private readonly chatAnnounced = new Map<number, { by: string; tick: number; before: number }>();
  private forgottenBefore = 0;
  private trustedUntil = -Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The chat and the person of an event, when both are here and the cache is trusted. */
  lookup(platform: string, chatId: string, personIds: string[]): CachedIdentity | undefined {
    const now = this.now();
    if (now > this.trustedUntil) return undefined;
    const chat = this.chats.get(`${platform}\u0000${chatId}`);
    const personId = this.personIds.get(platform)?.get(personIds[0]!);
    const person = personId === undefined ? undefined : this.people.get(personId);
    if (!chat || !person) return undefined;
    if (stale(chat, now) || stale(person, now)) return undefined;
    if (!personIds.every((id) => includes(person.ids, id))) return undefined;
    // Most recently used last: the oldest go first when full.
    markUsed(this.chats, `${platform}\u0000${chatId}`, chat, now);
    markUsed(this.people, person.row.id, person, now);
    return {
      chat: unpackChat(chat.row),
      person: unpackPerson(person.row),
      member: includes(person.memberOf, chat.row.id),
      activeToday: person.activeDay === today() && includes(person.activeIn, chat.row.id),
    };
  }

  /** How many chats and people it holds (tests, memory). */
  sizes(): { chats: number; people: number } {
    return { chats: this.chats.size, people: this.people.size };
  }

  /** The partners of a commune (none: []), when they are here and the cache is trusted. */
  partnersOf(insee: string): PartnerRow[] | undefined {
    if (this.now() > this.trustedUntil || !this.partnersByCommune) return undefined;
    return (this.partnersByCommune.get(insee) ?? []).map((row) => ({ ...row }));
  }

  /** Keeps every commune's partners read since `readAt`, unless they changed meanwhile. */
  storePartners(readAt: number, byCommune: Map<string, PartnerRow[]>): void {
    if (readAt < this.forgottenBefore) return;
    if ((this.changedAt.get('partners') ?? -1) > readAt) return;
    this.partnersByCommune = byCommune;
  }

  forgetPartners(): void {
    this.changedAt.set('partners', ++this.tick);
    this.partnersByCommune = undefined;
  }

  /** A chat alone, when it is here and the cache is trusted. */
  findChat(platform: string, chatId: string): ChatRow | undefined {
    const now = this.now();
    if (now > this.trustedUntil) return undefined;
    const chat = this.chats.get(`${platform}\u0000${chatId}`);
    if (!chat || stale(chat, now)) return undefined;
    return unpackChat(chat.row);
  }

  /**
   * Whether the person is known here as a current member of the chat (false: not known,
   * which is not the same as known not to be one).
   */
  knowsMember(chatId: number, personId: number): boolean {
    const now = this.now();
    if (now > this.trustedUntil) return false;
    const person = this.people.get(personId);
    if (!person || stale(person, now)) return false;
    return includes(person.memberOf, chatId);
  }

  /** Remembers a membership read (from a committed state) since `readAt`, as store() does. */
  storeMember(readAt: number, chatId: number, personId: number, activeToday = false): void {
    if (readAt < this.forgottenBefore) return;
    if ((this.changedAt.get(`p:${personId}`) ?? -1) > readAt) return;
    const person = this.people.get(personId);
    if (!person) return;
    person.memberOf = withAdded(person.memberOf, chatId);
    if (activeToday) markActive(person, chatId);
  }

  /** To call before reading the rows that will be stored. */
  startRead(): number {
    return this.tick;
  }

  /**
   * Keeps rows read (from a committed state) since `readAt`: unless a change to one of them
   * was announced in between, in which case they may be older than that change. A member
   * stored here was also marked active in the chat today (recordInboundEvent saw to it).
   */
  store(readAt: number, chat: ChatRow, person: PersonRow, ids: string[], member: boolean): void {
    if (readAt < this.forgottenBefore) return;
    if ((this.changedAt.get(`c:${chat.id}`) ?? -1) > readAt) return;
    if ((this.changedAt.get(`p:${person.id}`) ?? -1) > readAt) return;
    const now = this.now();
    this.keepChat(chat, now);
    const known = this.people.get(person.id);
    const memberOf = member ? withAdded(known?.memberOf, chat.id) : known?.memberOf;
    const allIds = [...new Set([...each(known?.ids), ...ids])];
    const entry: CachedPerson = {
      row: packPerson(person),
      ids: allIds.length === 1 ? allIds[0]! : allIds,
      memberOf,
      activeIn: known?.activeIn,
      activeDay: known?.activeDay ?? 0,
      storedAt: inSeconds(now),
      usedAt: inSeconds(now),
    };
    if (member) markActive(entry, chat.id);
    touch(this.people, person.id, entry);
    let byId = this.personIds.get(person.platform);
    if (!byId) this.personIds.set(person.platform, (byId = new Map<string, number>()));
    for (const id of allIds) byId.set(id, person.id);
    this.evict();
  }

  /**
   * Keeps a chat as this process's own statement just wrote it, in transaction `writtenBy`
   * (pg_current_xact_id()), that statement having started after `readAt`. When the change is
   * announced (identity_changes names the transaction), the row is kept: the next events in
   * the chat read nothing. If anything about the chat was announced meanwhile (another
   * process's change, or this one's, come back first), it is only forgotten.
   */
  rememberChat(readAt: number, chat: ChatRow, writtenBy: string): void {
    const last = this.changedAt.get(`c:${chat.id}`) ?? -1;
    const announced = this.chatAnnounced.get(chat.id);
    // Only its own announcement came back meanwhile: nothing else changed the chat.
    const onlyItsOwn =
      announced?.by === writtenBy && announced.tick === last && announced.before <= readAt;
    const changed = readAt < this.forgottenBefore || (last > readAt && !onlyItsOwn);
    // Reads that began before the change must not store the old row.
    this.forgetChat(chat.id);
    if (changed) return;
    this.keepChat(chat, this.now(), writtenBy);
    this.evict();
  }

  /** Puts a chat row in, under its platform id (a new one, after an upgrade, replaces the old). */
  private keepChat(chat: ChatRow, now: number, writtenBy?: string): void {
    const chatKey = `${chat.platform}\u0000${chat.externalId}`;
    const oldKey = this.chatKeys.get(chat.id);
    if (oldKey !== undefined && oldKey !== chatKey) this.chats.delete(oldKey);
    const entry: CachedChat = {
      row: packChat(chat),
      storedAt: inSeconds(now),
      usedAt: inSeconds(now),
    };
    if (writtenBy !== undefined) entry.writtenBy = writtenBy;
    touch(this.chats, chatKey, entry);
    this.chatKeys.set(chat.id, chatKey);
  }

  forgetChat(chatId: number): void {
    this.changedAt.set(`c:${chatId}`, ++this.tick);
    const key = this.chatKeys.get(chatId);
    if (key !== undefined) this.chats.delete(key);
    this.chatKeys.delete(chatId);
    this.pruneChanges();
  }

  forgetPerson(personId: number): void {
    this.changedAt.set(`p:${personId}`, ++this.tick);
    this.dropPerson(personId);
    this.pruneChanges();
  }

  forgetAll(): void {
    this.forgottenBefore = ++this.tick;
    this.changedAt.clear();
    this.chatAnnounced.clear();
    this.chats.clear();
    this.chatKeys.clear();
    this.people.clear();
    this.personIds.clear();
    this.partnersByCommune = undefined;
  }

  /** A payload of the identity_changes channel. */
  heard(payload: string, ownPing: string): void {
    if (payload === ownPing) {
      const now = this.now();
      // Deaf for a while: what was said meanwhile may be lost.
      if (now > this.trustedUntil) this.forgetAll();
      this.trustedUntil = now + LIVENESS_MS;
      return;
    }
    // 'c:<chat id>:<transaction>' (migration 0028; before it, without the transaction).
    const [kind, id, writtenBy] = payload.split(':', 3);
    if (kind === 'c') {
      const chatId = Number(id);
      if (writtenBy === undefined) this.forgetChat(chatId);
      else if (!this.wroteChat(chatId, writtenBy)) {
        const before = this.changedAt.get(`c:${chatId}`) ?? -1;
        this.forgetChat(chatId);
        this.chatAnnounced.set(chatId, { by: writtenBy, tick: this.tick, before });
      }
    } else if (kind === 'p') this.forgetPerson(Number(id));
    else if (kind === 'partners') this.forgetPartners();
    else if (kind === '*') this.forgetAll();
    // Other processes' pings: nothing to do.
  }

  /** Stops answering until the channel is heard again (a new or lost listening connection). */
  distrust(): void {
    this.trustedUntil = -Infinity;
    this.forgetAll();
  }

  /** Whether the chat kept here is the version transaction `writtenBy` wrote. */
  private wroteChat(chatId: number, writtenBy: string): boolean {
    const key = this.chatKeys.get(chatId);
    return key !== undefined && this.chats.get(key)?.writtenBy === writtenBy;
  }

  private dropPerson(personId: number): void {
    const person = this.people.get(personId);
    if (!person) return;
    this.people.delete(personId);
    const ids = this.personIds.get(person.row.platform);
    for (const id of each(person.ids)) if (ids?.get(id) === personId) ids.delete(id);
  }

  /**
   * Least recently used first: past the bounds, and whatever has outlived TTL_MS (it would be
   * read again anyway; a bot that was busy an hour ago need not keep that hour's people).
   */
  private evict(): void {
    const now = this.now();
    for (const [key, chat] of this.chats) {
      if (this.chats.size <= MAX_CHATS && !stale(chat, now)) break;
      this.chats.delete(key);
      this.chatKeys.delete(chat.row.id);
    }
    for (const [personId, person] of this.people) {
      if (this.people.size <= MAX_PEOPLE && !stale(person, now)) break;
      this.dropPerson(personId);
    }
  }

  /**
   * Changes matter only to reads in flight (a few dozen at once, each a few milliseconds):
   * old ones can go, with a floor for safety (reads begun before it store nothing). A
   * thousand is plenty; ten thousand kept about 1.5 MB of keys and announcements alive.
   */
  private pruneChanges(): void {
    if (this.changedAt.size < CHANGES_KEPT) return;
    this.forgottenBefore = this.tick;
    this.changedAt.clear();
    this.chatAnnounced.clear();
  }
}

// Each lookup gets rows of its own: an event may not change what the next one finds.
const packChat = (row: ChatRow): Packed<ChatRow> => ({
  ...row,
  platform: shared(row.platform),
  kind: shared(row.kind),
  locale: shared(row.locale),
  secondLocale: sharedOrNull(row.secondLocale),
  groupKind: sharedOrNull(row.groupKind),
  departement: sharedOrNull(row.departement),
  timezone: shared(row.timezone),
  createdAt: row.createdAt.getTime(),
  updatedAt: row.updatedAt.getTime(),
});
const unpackChat = (row: Packed<ChatRow>): ChatRow => ({
  ...row,
  createdAt: new Date(row.createdAt),
  updatedAt: new Date(row.updatedAt),
});
const packPerson = (row: PersonRow): Packed<PersonRow> => ({
  ...row,
  platform: shared(row.platform),
  locale: sharedOrNull(row.locale),
  createdAt: row.createdAt.getTime(),
  lastSeenAt: row.lastSeenAt.getTime(),
});
const unpackPerson = (row: Packed<PersonRow>): PersonRow => ({
  ...row,
  createdAt: new Date(row.createdAt),
  lastSeenAt: new Date(row.lastSeenAt),
});

/**
 * One copy of each value of the columns that take few (a platform, a language, a time zone,
 * a département): every row read brings its own strings, about 30 bytes each, which 40,000
 * people and their chats would keep thousands of times over (bench/telegram-pipeline.ts).
 */
const sharedValues = new Map<string, string>();
const SHARED_VALUES_MAX = 1_000;

function shared<T extends string>(value: T): T {
  const known = sharedValues.get(value);
  if (known !== undefined) return known as T;
  if (sharedValues.size < SHARED_VALUES_MAX) sharedValues.set(value, value);
  return value;
}

const sharedOrNull = <T extends string>(value: T | null): T | null =>
  value === null ? null : shared(value);

function touch<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/**
 * Moves an entry used now to the recent end, unless it moved there less than USED_EVERY_S
 * ago: the order need not be exact for eviction, and moving it on every event (a delete and
 * a set in a map of tens of thousands) cost about 2% of the bot's CPU per update
 * (bench/telegram-pipeline.ts profile).
 */
function markUsed<K, V extends { usedAt: number }>(map: Map<K, V>, key: K, value: V, now: number) {
  const second = inSeconds(now);
  if (second - value.usedAt < USED_EVERY_S) return;
  value.usedAt = second;
  touch(map, key, value);
}

const USED_EVERY_S = 10;
/** Whole seconds fit a small integer: no number object per entry. */
const inSeconds = (ms: number) => Math.floor(ms / 1000);

/**
 * Whether an entry has outlived TTL_MS. Its time is kept in whole seconds, rounded down: it
 * may go up to a second early, never late. A small integer is kept in the entry itself, where
 * performance.now()'s fraction of a millisecond needs a boxed double (16 bytes more per entry,
 * ~0.9 MB for 40,000 people: bench/telegram-pipeline.ts).
 */
const stale = (entry: { storedAt: number }, now: number) => now - entry.storedAt * 1000 > TTL_MS;

const caches = new WeakMap<object, IdentityCache>();

/** The cache of the process's database handle; none inside a transaction, or when not started. */
export function identityCacheOf(db: DbOrTx): IdentityCache | undefined {
  return caches.get(db);
}

/**
 * A statement of this process, begun after `readAt` (startRead()), wrote this chat row in
 * transaction `writtenBy`: kept as written (see IdentityCache.rememberChat).
 */
export function rememberChat(db: DbOrTx, readAt: number, chat: ChatRow, writtenBy: string): void {
  caches.get(db)?.rememberChat(readAt, chat, writtenBy);
}

/** A write of this process changed a chat row: forget it now, not when the channel says so. */
export function forgetChat(db: DbOrTx, chatId: number): void {
  caches.get(db)?.forgetChat(chatId);
}

/** A write of this process changed a person, their ids or memberships. */
export function forgetPerson(db: DbOrTx, personId: number): void {
  caches.get(db)?.forgetPerson(personId);
}

/** A write of this process changed a partner or its communes. */
export function forgetPartners(db: DbOrTx): void {
  caches.get(db)?.forgetPartners();
}

export interface IdentityCacheHandle {
  cache: IdentityCache;
  stop(): Promise<void>;
}

/**
 * Starts the cache for this database handle: listens on the channel, pings it, and attaches
 * the cache to `database.db` for the named queries. `stop` detaches it.
 */
export async function startIdentityCache(
  database: Database,
  onError: (error: unknown) => void,
): Promise<IdentityCacheHandle> {
  const cache = new IdentityCache();
  const ownPing = `ping:${process.pid}:${Math.random().toString(36).slice(2)}`;
  const unlisten = await database.listen(
    IDENTITY_CHANNEL,
    (payload) => cache.heard(payload, ownPing),
    // (Re)listening: what was said while nobody listened is lost.
    () => {
      cache.distrust();
      void ping();
    },
  );
  async function ping(): Promise<void> {
    try {
      await database.notify(IDENTITY_CHANNEL, ownPing);
    } catch (error) {
      onError(error);
    }
  }
  const timer = setInterval(() => void ping(), PING_EVERY_MS);
  timer.unref();
  await ping();
  caches.set(database.db, cache);
  return {
    cache,
    async stop() {
      clearInterval(timer);
      if (caches.get(database.db) === cache) caches.delete(database.db);
      await unlisten();
    },
  };
}
