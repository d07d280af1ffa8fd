// The bookkeeping of every inbound event the bot handles, in one round trip: de-duplicate
// the event, record the chat, find or create the person behind any of their platform ids,
// and record their membership of a group. Six statements one after the other made the
// router several times slower than a bare bot (bench/telegram-pipeline.ts); data-modifying
// CTEs do it in one.
import { queryStatement, type DbOrTx } from '../client.ts';
import { toChatRow, type ChatRow } from './chats.ts';
import { deletePerson, savePersonSeen, type PersonRow } from './people.ts';

export interface InboundRecord {
  eventId: string;
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

export type InboundResult =
  { duplicate: true } | { duplicate: false; chat: ChatRow; person: PersonRow };

interface Raw {
  fresh: boolean;
  chat: Record<string, unknown> | null;
  person: Record<string, unknown> | null;
  claimed: number;
  created: boolean;
}

export async function recordInboundEvent(db: DbOrTx, input: InboundRecord): Promise<InboundResult> {
  const { chat, person } = input;
  const platform = chat.platform;
  const [raw] = await queryStatement<Raw>(
    db,
    inboundEventStatement(1 + (person.aliases?.length ?? 0)),
    toInboundEventParams(input),
  );
  if (!raw?.fresh) return { duplicate: true };
  if (!raw.chat || !raw.person) throw new Error('recordInboundEvent returned no chat or person');
  let personRow = toPersonRow(raw.person);
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
  return { duplicate: false, chat: toChatRow(raw.chat), person: personRow };
}

const date = (value: unknown) => new Date(String(value));

function toPersonRow(r: Record<string, unknown>): PersonRow {
  return {
    id: Number(r.id),
    platform: String(r.platform),
    displayName: String(r.display_name),
    locale: (r.locale as string | null) ?? null,
    reachablePrivately: Boolean(r.reachable_privately),
    createdAt: date(r.created_at),
    lastSeenAt: date(r.last_seen_at),
  };
}

/** The statement's parameters, in the order of its placeholders. */
function toInboundEventParams(input: InboundRecord): unknown[] {
  const { chat, person } = input;
  const aliases = person.aliases ?? [];
  return [
    input.eventId,
    chat.platform,
    chat.externalId,
    chat.kind,
    chat.title ?? null,
    chat.locale,
    person.displayName,
    input.reachable,
    input.member,
    aliases.length > 0,
    person.externalId,
    ...aliases,
  ];
}

/**
 * The statement for a person known by `idCount` platform ids (WhatsApp: two), built once per
 * count. The ids are spelled out as ARRAY[$11, $12…] rather than passed as one array: the
 * planner then knows how many there are, and a plan made for one id uses the indexes (with
 * an array parameter, the bot's PostgreSQL CPU per event doubled).
 */
function inboundEventStatement(idCount: number): string {
  let text = statements.get(idCount);
  if (text === undefined) {
    const ids = Array.from({ length: idCount }, (_, i) => `$${11 + i}::text`).join(', ');
    text = INBOUND_EVENT.replaceAll('$IDS', `ARRAY[${ids}]`);
    statements.set(idCount, text);
  }
  return text;
}

const statements = new Map<number, string>();

// One fixed text per number of ids (values are parameters, see toInboundEventParams): prepared
// once per connection. $1 event id, $2 platform, $3 chat id, $4 chat kind, $5 title, $6 locale
// of a new chat, $7 display name, $8 reachable, $9 member, $10 has aliases, $IDS the person's ids.
const INBOUND_EVENT = `
    WITH ev AS (
      INSERT INTO processed_events (event_id) VALUES ($1::text)
      ON CONFLICT DO NOTHING RETURNING 1
    ),
    -- Rows are rewritten only when something changed: most events come from known people
    -- in known chats, and then the event id is the only write.
    known_chat AS (
      SELECT * FROM chats WHERE platform = $2::text AND external_id = $3::text
    ),
    written_chat AS (
      INSERT INTO chats (platform, external_id, kind, title, locale)
      SELECT $2::text, $3::text, $4::text, $5::text, $6::text
      WHERE EXISTS (SELECT 1 FROM ev)
        AND NOT EXISTS (
          SELECT 1 FROM known_chat
          WHERE $5::text IS NULL OR title IS NOT DISTINCT FROM $5::text
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
      WHERE person_identities.platform = $2::text
        AND person_identities.external_id = ANY($IDS)
      LIMIT 1
    ),
    updated AS (
      UPDATE people SET
        display_name = coalesce(nullif($7::text, ''), display_name),
        reachable_privately = reachable_privately OR $8::boolean,
        last_seen_at = now()
      WHERE id = (SELECT id FROM known) AND EXISTS (SELECT 1 FROM ev)
        AND (
          display_name IS DISTINCT FROM coalesce(nullif($7::text, ''), display_name)
          OR ($8::boolean AND NOT reachable_privately)
          OR last_seen_at < now() - interval '1 day'
        )
      RETURNING *
    ),
    created AS (
      INSERT INTO people (platform, display_name, reachable_privately)
      SELECT $2::text, $7::text, $8::boolean
      WHERE NOT EXISTS (SELECT 1 FROM known) AND EXISTS (SELECT 1 FROM ev)
      RETURNING *
    ),
    p AS (
      SELECT * FROM updated
      UNION ALL SELECT * FROM created
      UNION ALL SELECT * FROM known
        WHERE EXISTS (SELECT 1 FROM ev) AND NOT EXISTS (SELECT 1 FROM updated)
    ),
    ident AS (
      INSERT INTO person_identities (platform, external_id, person_id)
      SELECT $2::text, id, (SELECT id FROM p) FROM unnest($IDS) AS id
      WHERE EXISTS (SELECT 1 FROM p) AND (EXISTS (SELECT 1 FROM created) OR $10::boolean)
      ON CONFLICT DO NOTHING RETURNING 1
    ),
    m AS (
      INSERT INTO chat_members (chat_id, person_id)
      SELECT (SELECT id FROM c), (SELECT id FROM p)
      WHERE $9::boolean AND EXISTS (SELECT 1 FROM c) AND EXISTS (SELECT 1 FROM p)
        -- Checked first: ON CONFLICT would lock (and so write) the row on every event.
        AND NOT EXISTS (
          SELECT 1 FROM chat_members
          WHERE chat_id = (SELECT id FROM c) AND person_id = (SELECT id FROM p) AND left_at IS NULL
        )
      ON CONFLICT (chat_id, person_id) DO UPDATE SET left_at = NULL
        WHERE chat_members.left_at IS NOT NULL
      RETURNING 1
    )
    SELECT
      EXISTS (SELECT 1 FROM ev) AS fresh,
      (SELECT row_to_json(c) FROM c LIMIT 1) AS chat,
      (SELECT row_to_json(p) FROM p LIMIT 1) AS person,
      (SELECT count(*)::int FROM ident) AS claimed,
      EXISTS (SELECT 1 FROM created) AS created,
      (SELECT count(*)::int FROM m) AS members
  `;
