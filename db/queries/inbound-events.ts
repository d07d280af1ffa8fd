// The bookkeeping of every inbound event the bot handles (redeliveries were already set aside
// by the inbox, db/queries/inbox.ts): record the chat, find or create the person behind any
// of their platform ids, and record their membership of a group. Five statements one after
// the other made the router several times slower than a bare bot
// (bench/telegram-pipeline.ts); data-modifying CTEs do it in one. Most events come from known
// people in known chats, where nothing is written: a lighter statement reads the chat and the
// person, and only when it finds something to write does the full statement follow. Known
// chats and people are also kept in memory (db/identity-cache.ts): then no statement runs.
import { compactStatement as compact, queryStatement, type DbOrTx } from '../client.ts';
import { identityCacheOf } from '../identity-cache.ts';
import { toChatRow, type ChatRow } from './chats.ts';
import { mergePeopleByIdentities } from './merge-people.ts';
import {
  deletePerson,
  saveMembership,
  savePersonSeen,
  toPersonRow,
  type PersonRow,
} from './people.ts';

export interface InboundRecord {
  chat: {
    platform: string;
    externalId: string;
    kind: 'group' | 'private';
    title?: string | undefined;
    /** Language of a chat created now. */
    locale: string;
  };
  person: {
    externalId: string;
    aliases?: string[] | undefined;
    displayName: string;
  };
  /** Record (or renew) the person's membership of the group. */
  member: boolean;
  /** The person wrote to the bot privately: the bot may now write to them. */
  reachable: boolean;
}

export interface InboundResult {
  chat: ChatRow;
  person: PersonRow;
}

interface Quick {
  chat: Record<string, unknown> | null;
  person: Record<string, unknown> | null;
  /** Nothing to write: the chat, the person and the membership are as the event says. */
  settled: boolean;
}

interface Raw {
  chat: Record<string, unknown> | null;
  person: Record<string, unknown> | null;
  claimed: number;
  created: boolean;
}

export async function recordInboundEvent(db: DbOrTx, input: InboundRecord): Promise<InboundResult> {
  const { chat, person } = input;
  const platform = chat.platform;
  const ids = [person.externalId, ...(person.aliases ?? [])];
  const cache = identityCacheOf(db);
  const cached = cache?.lookup(platform, chat.externalId, ids);
  if (cached && isSettled(input, cached.chat, cached.person, cached.member && cached.activeToday)) {
    // Known person, known chat, nothing new: nothing to read or write.
    return { chat: cached.chat, person: cached.person };
  }
  if (cached && isSettled(input, cached.chat, cached.person, true)) {
    // Known, but new in this group or not yet active in it today: only the membership (with
    // today's mark) is to write.
    await saveMembership(db, cached.chat.id, cached.person.id);
    return { chat: cached.chat, person: cached.person };
  }
  const readAt = cache?.startRead() ?? 0;
  const values = toValues(input);
  const quickly = statement('quick', ids.length);
  const [quick] = await queryStatement<Quick>(db, quickly.text, quickly.params(values));
  if (quick?.chat && quick.person) {
    const found = { chat: toChatRow(quick.chat), person: toPersonRow(quick.person) };
    // Settled means every id is this person's and, for a group event, they are a member.
    if (quick.settled) {
      cache?.store(readAt, found.chat, found.person, ids, input.member);
      return found;
    }
    // A single id found them, so it is theirs; when only the membership is missing, it is
    // the one write.
    if (ids.length === 1 && isSettled(input, found.chat, found.person, true)) {
      await saveMembership(db, found.chat.id, found.person.id);
      cache?.store(readAt, found.chat, found.person, ids, true);
      return found;
    }
  }
  // Ids that name two people (created before the link between them was known): one now.
  if (ids.length > 1) await mergePeopleByIdentities(db, platform, ids);
  const fully = statement('full', ids.length);
  const [raw] = await queryStatement<Raw>(db, fully.text, fully.params(values));
  if (!raw?.chat || !raw.person) {
    throw new Error('recordInboundEvent returned no chat or person');
  }
  let personRow = toPersonRow(raw.person);
  const chatRow = toChatRow(raw.chat);
  // FULL returns the rows as its own write left them. They are kept when the person's ids
  // are known to be theirs: a single id that found them, or that they were created with.
  // (Other ids may belong to someone else: the next event reads them again.) An UPDATE among
  // these writes is announced on the channel, and that announcement forgets them as usual.
  const whole = ids.length === 1 && (!raw.created || raw.claimed === 1);
  if (cache && whole) cache.store(readAt, chatRow, personRow, ids, input.member);
  else {
    cache?.forgetChat(chatRow.id);
    cache?.forgetPerson(personRow.id);
  }
  if (raw.created && raw.claimed === 0) {
    // Another event of this new person recorded them first: keep theirs, drop ours.
    await deletePerson(db, personRow.id);
    personRow = await savePersonSeen(db, {
      platform,
      externalId: person.externalId,
      aliases: person.aliases,
      displayName: person.displayName,
    });
  }
  return { chat: chatRow, person: personRow };
}

/**
 * Whether the rows already say what the event says (the negation of FULL's write conditions,
 * as QUICK computes it in SQL): then nothing is to be written.
 */
function isSettled(input: InboundRecord, chat: ChatRow, person: PersonRow, member: boolean) {
  const title = input.chat.title ?? null;
  const name = input.person.displayName || person.displayName;
  return (
    (title === null || chat.title === title) &&
    person.displayName === name &&
    (person.reachablePrivately || !input.reachable) &&
    person.lastSeenAt.getTime() >= Date.now() - DAY_MS &&
    (member || !input.member)
  );
}

const DAY_MS = 24 * 3_600_000;

/** The values the statements' :names stand for. */
function toValues(input: InboundRecord): Record<string, unknown> {
  const { chat, person } = input;
  const aliases = person.aliases ?? [];
  return {
    platform: chat.platform,
    chat_id: chat.externalId,
    kind: chat.kind,
    title: chat.title ?? null,
    locale: chat.locale,
    name: person.displayName,
    reachable: input.reachable,
    member: input.member,
    has_aliases: aliases.length > 0,
    ids: [person.externalId, ...aliases],
  };
}

interface Statement {
  text: string;
  params: (values: Record<string, unknown>) => unknown[];
}

/**
 * QUICK or FULL for a person known by `idCount` platform ids (WhatsApp: two), built once per
 * count: each :name becomes a positional parameter, and :ids becomes ARRAY[$n, $n+1…] rather
 * than one array parameter, so that the planner knows how many ids there are (with an array
 * parameter, a plan made for one id skipped the indexes and PostgreSQL's CPU per event
 * doubled).
 */
function statement(kind: 'quick' | 'full', idCount: number): Statement {
  const key = `${kind}:${idCount}`;
  let found = statements.get(key);
  if (found === undefined) {
    const names: string[] = [];
    const position = (name: string) => {
      const index = names.indexOf(name);
      return index < 0 ? names.push(name) : index + 1;
    };
    const text = compact(kind === 'quick' ? QUICK : FULL).replace(
      /(?<![:\w]):([a-z_]+)/g,
      (_, name: string) => {
        if (name !== 'ids') return `$${position(name)}`;
        const ids = Array.from({ length: idCount }, (_, i) => `$${position(`ids.${i}`)}::text`);
        return `ARRAY[${ids.join(', ')}]`;
      },
    );
    found = {
      text,
      params: (values) =>
        names.map((name) =>
          name.startsWith('ids.') ? (values.ids as string[])[Number(name.slice(4))] : values[name],
        ),
    };
    statements.set(key, found);
  }
  return found;
}

const statements = new Map<string, Statement>();

// The statements' values are parameters, written :name (see toValues): each text is fixed, and
// prepared once per connection.

/** Reads the chat and the person; says whether anything is to write. */
const QUICK = `
    WITH c AS (
      SELECT * FROM chats WHERE platform = :platform::text AND external_id = :chat_id::text
    ),
    p AS (
      SELECT people.* FROM person_identities
      JOIN people ON people.id = person_identities.person_id
      WHERE person_identities.platform = :platform::text
        AND person_identities.external_id = ANY(:ids)
      LIMIT 1
    )
    SELECT
      (SELECT row_to_json(c) FROM c) AS chat,
      (SELECT row_to_json(p) FROM p) AS person,
      -- The negation of every write condition of FULL below.
      EXISTS (SELECT 1 FROM c WHERE :title::text IS NULL OR title IS NOT DISTINCT FROM :title::text)
      AND EXISTS (
        SELECT 1 FROM p
        WHERE display_name = coalesce(nullif(:name::text, ''), display_name)
          AND (reachable_privately OR NOT :reachable::boolean)
          AND last_seen_at >= now() - interval '1 day'
      )
      AND (NOT :has_aliases::boolean OR (
        SELECT count(*) FROM person_identities
        WHERE platform = :platform::text AND external_id = ANY(:ids)
          AND person_id = (SELECT id FROM p)
      ) = cardinality(:ids))
      AND (NOT :member::boolean OR EXISTS (
        SELECT 1 FROM chat_members
        WHERE chat_id = (SELECT id FROM c) AND person_id = (SELECT id FROM p) AND left_at IS NULL
          AND last_active_at >= date_trunc('day', now(), 'UTC')
      )) AS settled
  `;

/** Writes what QUICK found missing or changed. */
const FULL = `
    WITH
    -- Rows are rewritten only when something changed: most events come from known people
    -- in known chats, and then the event id is the only write.
    known_chat AS (
      SELECT * FROM chats WHERE platform = :platform::text AND external_id = :chat_id::text
    ),
    written_chat AS (
      INSERT INTO chats (platform, external_id, kind, title, locale)
      SELECT :platform::text, :chat_id::text, :kind::text, :title::text, :locale::text
      WHERE NOT EXISTS (
          SELECT 1 FROM known_chat
          WHERE :title::text IS NULL OR title IS NOT DISTINCT FROM :title::text
        )
      ON CONFLICT (platform, external_id)
        DO UPDATE SET title = coalesce(excluded.title, chats.title), updated_at = now()
      RETURNING *
    ),
    c AS (
      SELECT * FROM written_chat
      UNION ALL SELECT * FROM known_chat WHERE NOT EXISTS (SELECT 1 FROM written_chat)
    ),
    known AS (
      SELECT people.* FROM person_identities
      JOIN people ON people.id = person_identities.person_id
      WHERE person_identities.platform = :platform::text
        AND person_identities.external_id = ANY(:ids)
      LIMIT 1
    ),
    updated AS (
      UPDATE people SET
        display_name = coalesce(nullif(:name::text, ''), display_name),
        reachable_privately = reachable_privately OR :reachable::boolean,
        last_seen_at = now()
      WHERE id = (SELECT id FROM known)
        AND (
          display_name IS DISTINCT FROM coalesce(nullif(:name::text, ''), display_name)
          OR (:reachable::boolean AND NOT reachable_privately)
          OR last_seen_at < now() - interval '1 day'
        )
      RETURNING *
    ),
    created AS (
      INSERT INTO people (platform, display_name, reachable_privately)
      SELECT :platform::text, :name::text, :reachable::boolean
      WHERE NOT EXISTS (SELECT 1 FROM known)
      RETURNING *
    ),
    p AS (
      SELECT * FROM updated
      UNION ALL SELECT * FROM created
      UNION ALL SELECT * FROM known
        WHERE NOT EXISTS (SELECT 1 FROM updated)
    ),
    ident AS (
      INSERT INTO person_identities (platform, external_id, person_id)
      SELECT :platform::text, id, (SELECT id FROM p) FROM unnest(:ids) AS id
      WHERE EXISTS (SELECT 1 FROM p) AND (EXISTS (SELECT 1 FROM created) OR :has_aliases::boolean)
      ON CONFLICT DO NOTHING RETURNING 1
    ),
    -- A group member is also marked active today, once a day (the console's figures).
    m AS (
      INSERT INTO chat_members (chat_id, person_id, last_active_at)
      SELECT (SELECT id FROM c), (SELECT id FROM p), now()
      WHERE :member::boolean AND EXISTS (SELECT 1 FROM c) AND EXISTS (SELECT 1 FROM p)
        -- Checked first: ON CONFLICT would lock (and so write) the row on every event.
        AND NOT EXISTS (
          SELECT 1 FROM chat_members
          WHERE chat_id = (SELECT id FROM c) AND person_id = (SELECT id FROM p) AND left_at IS NULL
            AND last_active_at >= date_trunc('day', now(), 'UTC')
        )
      ON CONFLICT (chat_id, person_id) DO UPDATE SET left_at = NULL, last_active_at = now()
        WHERE chat_members.left_at IS NOT NULL OR chat_members.last_active_at IS NULL
          OR chat_members.last_active_at < date_trunc('day', now(), 'UTC')
      RETURNING 1
    )
    SELECT
      (SELECT row_to_json(c) FROM c LIMIT 1) AS chat,
      (SELECT row_to_json(p) FROM p LIMIT 1) AS person,
      (SELECT count(*)::int FROM ident) AS claimed,
      EXISTS (SELECT 1 FROM created) AS created,
      (SELECT count(*)::int FROM m) AS members
  `;
