// The database schema shared by the PostgreSQL server and embedded PGlite. Times are stored
// in UTC (timestamptz); chats keep their own time zone for display and scheduling.
// Personal data is kept to the minimum each feature needs; every table that holds some is
// covered by a section of the privacy registry (handlers/privacy/).
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A group or private chat on one platform. The internal id survives a Telegram group's
 * upgrade to a supergroup, which only changes `externalId`. */
export const chats = pgTable(
  'chats',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    kind: text('kind', { enum: ['group', 'private'] }).notNull(),
    title: text('title'),
    locale: text('locale').notNull().default('fr'),
    /** A group's second language, chosen by its admins: key messages (gatherings, vigilance,
     * city messages) are repeated briefly in it. Null: none. */
    secondLocale: text('second_locale'),
    groupKind: text('group_kind', { enum: ['immeuble', 'rue', 'quartier'] }),
    name: text('name'),
    postcode: text('postcode'),
    /** The commune the admin chose for the postcode (INSEE code; for Paris, Lyon and Marseille
     * the arrondissement's). Null for a group whose postcode was set before communes were
     * known: its département was then read from the postcode's first digits. */
    communeInsee: text('commune_insee'),
    departement: text('departement'),
    timezone: text('timezone').notNull().default('Europe/Paris'),
    /** Whether the group gets the seasonal kit suggestions (an admin may turn them off). */
    kitSuggestions: boolean('kit_suggestions').notNull().default(true),
    /** WhatsApp: read every message of the group for distress, not only those addressed to
     * the bot (an admin's choice, off by default; nothing read is kept). */
    distressListening: boolean('distress_listening').notNull().default(false),
    /** The partner city's quartier the group's admins chose (Villes solidaires console). */
    quartierId: bigint('quartier_id', { mode: 'number' }).references(() => quartiers.id, {
      onDelete: 'set null',
    }),
    /** Whether the group's admins let the partner city see it by name in its console (off by
     * default: the console otherwise shows only counts). */
    visibleToCity: boolean('visible_to_city').notNull().default(false),
    /** Whether the group receives its partner city's messages (on by default; an admin may
     * turn them off with /parametres), and when the first one told it so. */
    cityMessages: boolean('city_messages').notNull().default(true),
    cityMessagesNotedAt: timestamp('city_messages_noted_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('chats_platform_external_id').on(t.platform, t.externalId),
    index('chats_departement').on(t.departement),
    index('chats_commune').on(t.communeInsee),
    // A city's page lists the groups whose admins chose to be named to it: a few among the
    // thousands of a big commune, read without visiting each of them (migration 0018).
    index('chats_visible_to_city')
      .on(t.communeInsee)
      .where(sql`${t.visibleToCity} AND ${t.active} AND ${t.kind} = 'group'`),
  ],
);

/** A person. Only a display name (first name or chosen nickname) and a language; the ids
 * by which platforms know them live in person_identities. */
export const people = pgTable('people', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  platform: text('platform').notNull(),
  displayName: text('display_name').notNull(),
  locale: text('locale'),
  /** Whether the bot may write to this person privately (Telegram: they started the bot). */
  reachablePrivately: boolean('reachable_privately').notNull().default(false),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Platform identities of a person. WhatsApp knows one person by an @c.us and an @lid id;
 * both point to the same person row. */
export const personIdentities = pgTable(
  'person_identities',
  {
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.externalId] }),
    index('person_identities_person').on(t.personId),
  ],
);

/** Who the bot has seen in which group (for mentions and for leaving a group). */
export const chatMembers = pgTable(
  'chat_members',
  {
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** When they last used the bot in this group, to the day at most (the console's
     * "neighbours active this year"; written at most once a day per member). */
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.chatId, t.personId] }),
    index('chat_members_person').on(t.personId),
  ],
);

/** Inbound events already received: platforms redeliver (Telegram until it is told an update
 * arrived, WhatsApp after a reconnect), and a redelivery is recognised here. Purged after a
 * few days by a recurring job. */
export const processedEvents = pgTable(
  'processed_events',
  {
    eventId: text('event_id').primaryKey(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('processed_events_processed_at').on(t.processedAt)],
);

/** The durable inbox: an event addressed to the bot is stored here (with its id in
 * processed_events) before the platform is told it arrived (the webhook's 200, the next
 * getUpdates offset), and deleted once its handling committed. A row whose lease ran out
 * (its instance died, or could not reach the database) is taken over. Events of one chat
 * are handled in the order they were stored. */
export const inbox = pgTable(
  'inbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    platform: text('platform').notNull(),
    eventId: text('event_id').notNull(),
    /** Events with the same key are handled one at a time, in order (a chat, a voter). */
    chatKey: text('chat_key').notNull(),
    /** The neutral event (handlers/events.ts), as the adapter made it. */
    event: jsonb('event').$type<Record<string, unknown>>().notNull(),
    /** Flood control's verdict at receipt: a notice to give, or a group over its limit. */
    flood: text('flood', { enum: ['notice', 'over', 'group', 'group_notice'] }),
    attempts: integer('attempts').notNull().default(0),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inbox_lease').on(t.lockedUntil)],
);

/** Commands and presses per person per chat, and per group, in the current minute (flood
 * control). Rows of past minutes are overwritten, and purged by the housekeeping job. */
export const floodCounts = pgTable('flood_counts', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});

/** The durable outbox: a message that could not go out at once because of a platform's
 * limits (or because the platform was unreachable) waits here until `not_before`, and any
 * instance serving that platform sends it, head of each chat's queue first. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    platform: text('platform').notNull(),
    /** The platform's id for the chat. */
    chatId: text('chat_id').notNull(),
    action: text('action', { enum: ['send', 'edit', 'close_poll'] }).notNull(),
    /** The OutboundMessage (a document's bytes in base64); null to close a poll. */
    message: jsonb('message').$type<Record<string, unknown>>(),
    /** The message to edit or the poll to close. */
    targetMessageId: text('target_message_id'),
    /** 1: urgent (answers to presses, organisers, check-ins, alerts); 0: ordinary. */
    priority: integer('priority').notNull().default(0),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    /** Past this, the message has lost its point: dropped and logged. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_due').on(t.platform, t.priority, t.notBefore),
    index('outbox_chat').on(t.platform, t.chatId, t.id),
  ],
);

/** Send limits shared by every instance (see the reserve_send function): a bot's calendar of
 * send slots, or a chat's last sends. */
export const sendLimits = pgTable('send_limits', {
  key: text('key').primaryKey(),
  /** A bot: the first slot not known to be taken. A chat: the earliest next send. */
  nextAt: timestamp('next_at', { withTimezone: true }).notNull(),
  /** A bot: slots taken after next_at. A chat: the times of its last sends (its window). */
  recent: timestamp('recent', { withTimezone: true })
    .array()
    .notNull()
    .default(sql`'{}'`),
});

/** The latest numbered question in a chat, on platforms without buttons: a reply "2" in
 * that chat before `expiresAt` is read as the second choice. */
export const numberedPrompts = pgTable(
  'numbered_prompts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    kind: text('kind', { enum: ['choices', 'poll'] }).notNull(),
    options: jsonb('options').$type<string[]>().notNull(),
    /**
     * The number of the first option: 1 for every list of a group (a bare number goes to the
     * latest list that has it, see handlers/numbered-choices.ts); in a private chat, a menu
     * asked while the safety offer stays open is numbered after the offer's.
     */
    firstNumber: integer('first_number').notNull().default(1),
    /** The only person the menu is for (their platform id); null: anyone in the chat. */
    audience: text('audience'),
    /** A decision (approve a referent…): closed once a choice of it was accepted. */
    once: boolean('once').notNull().default(false),
    /** For polls: the platform's poll id, so a numbered vote becomes a poll vote. */
    pollId: text('poll_id'),
    multiple: boolean('multiple').notNull().default(false),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('numbered_prompts_chat').on(t.chatId, t.expiresAt)],
);

/** Durable jobs: anything that must happen later. Claimed with FOR UPDATE SKIP LOCKED and a
 * lease, so several instances cooperate and a crashed worker's job is taken over. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: ['pending', 'running', 'done', 'failed', 'dropped'] })
      .notNull()
      .default('pending'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    /** Past run_at + this many seconds the job is dropped and logged instead of run late. */
    maxLatenessSeconds: integer('max_lateness_seconds').notNull().default(86_400),
    /** Claimed before every ordinary due job (check-ins, alerts, an urgent city message). */
    urgent: boolean('urgent').notNull().default(false),
    lastError: text('last_error'),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_dedupe_key').on(t.dedupeKey),
    // The claim's order (urgent first, then due time), read straight off the index.
    index('jobs_due')
      .on(t.urgent.desc(), t.runAt, t.id)
      .where(sql`${t.status} = 'pending'`),
    index('jobs_running_lease')
      .on(t.lockedUntil)
      .where(sql`${t.status} = 'running'`),
  ],
);

/** Anonymous kit delivery counts per kit, group and month, with the group's place for the
 * partner cities' statistics. No person is recorded. */
export const kitDeliveries = pgTable(
  'kit_deliveries',
  {
    kitId: text('kit_id').notNull(),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    /** YYYY-MM, in the group's time zone. */
    month: text('month').notNull(),
    postcode: text('postcode'),
    departement: text('departement'),
    count: integer('count').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.kitId, t.chatId, t.month] }),
    index('kit_deliveries_place').on(t.departement, t.month),
  ],
);

/** Seasonal suggestions already made: one per group and season, whatever the retries. */
export const kitSuggestionsSent = pgTable(
  'kit_suggestions_sent',
  {
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    /** The kit and the year, e.g. galette:2027. */
    season: text('season').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.season] })],
);

/** A gathering of a group: the fête des voisins (one per group and year) or any other
 * (galette, apéro, vide-grenier, meeting). Its date is chosen by a poll or set directly;
 * dates are local to the group (`chats.timezone`). */
export const gatherings = pgTable(
  'gatherings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['fete', 'other'] }).notNull(),
    /** What the organiser called it ("Galette", "Apéro de la cour"); null for the fête. */
    title: text('title'),
    /** For the fête: the year it belongs to (one per group and year). */
    year: integer('year').notNull(),
    status: text('status', { enum: ['polling', 'tie', 'scheduled', 'cancelled'] }).notNull(),
    /** YYYY-MM-DD, HH:MM, local to the group. */
    date: text('date'),
    time: text('time'),
    place: text('place'),
    /** The kit whose poster and invitation fit it (fête des voisins, galette…), if any. */
    kitId: text('kit_id'),
    /** Where it happens if it rains, announced on the day. */
    rainPlace: text('rain_place'),
    /** The running RSVP count message (edited in place where the platform allows it). */
    summaryMessageId: text('summary_message_id'),
    /**
     * The calendar file's SEQUENCE (RFC 5545): raised each time the date, time or place
     * changes or the gathering is cancelled, so that calendars update the same event.
     */
    calendarSequence: integer('calendar_sequence').notNull().default(0),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('gatherings_chat').on(t.chatId, t.createdAt),
    uniqueIndex('gatherings_one_fete_a_year')
      .on(t.chatId, t.year)
      .where(sql`${t.kind} = 'fete' and ${t.status} <> 'cancelled'`),
  ],
);

/** A poll the bot sent. Telegram's votes carry no chat: the poll id leads here. */
export const polls = pgTable(
  'polls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    platform: text('platform').notNull(),
    /** The platform's poll id (Telegram poll id, WhatsApp message id, console id). */
    externalId: text('external_id').notNull(),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    /**
     * The chat's platform id when the poll was posted: a Telegram group upgraded to a
     * supergroup gets a new id, but its old messages stay under the old one. Null for polls
     * saved before this column (the chat's current id is used).
     */
    chatExternalId: text('chat_external_id'),
    purpose: text('purpose', { enum: ['gathering_date'] }).notNull(),
    gatheringId: bigint('gathering_id', { mode: 'number' }).references(() => gatherings.id, {
      onDelete: 'cascade',
    }),
    /** What each option stands for (ISO dates for a date poll), in the poll's order. */
    options: jsonb('options').$type<string[]>().notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When the group was last told a vote came after closing (said once in a while). */
    lateVoteNoticeAt: timestamp('late_vote_notice_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('polls_platform_external_id').on(t.platform, t.externalId),
    index('polls_gathering').on(t.gatheringId),
  ],
);

/** Each voter's current full selection; a retracted vote is an empty selection. */
export const pollVotes = pgTable(
  'poll_votes',
  {
    pollId: bigint('poll_id', { mode: 'number' })
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    optionIndexes: jsonb('option_indexes').$type<number[]>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.pollId, t.personId] }),
    index('poll_votes_person').on(t.personId),
  ],
);

/** Who comes: yes, maybe or no, with how many guests they bring. */
export const gatheringRsvps = pgTable(
  'gathering_rsvps',
  {
    gatheringId: bigint('gathering_id', { mode: 'number' })
      .notNull()
      .references(() => gatherings.id, { onDelete: 'cascade' }),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    answer: text('answer', { enum: ['yes', 'maybe', 'no'] }).notNull(),
    guests: integer('guests').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.gatheringId, t.personId] }),
    index('gathering_rsvps_person').on(t.personId),
  ],
);

/**
 * Who holds a gathering's calendar file (asked for it, or was sent an update): they get the
 * next update too, whatever they answered since, as do those who said they come.
 */
export const gatheringCalendarCopies = pgTable(
  'gathering_calendar_copies',
  {
    gatheringId: bigint('gathering_id', { mode: 'number' })
      .notNull()
      .references(() => gatherings.id, { onDelete: 'cascade' }),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.gatheringId, t.personId] }),
    index('gathering_calendar_copies_person').on(t.personId),
  ],
);

/** "Who brings what": what the gathering needs, with how many. */
export const gatheringItems = pgTable(
  'gathering_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    gatheringId: bigint('gathering_id', { mode: 'number' })
      .notNull()
      .references(() => gatherings.id, { onDelete: 'cascade' }),
    /** Its number in the list, as people type it ("/japporte 3"). */
    position: integer('position').notNull(),
    category: text('category').notNull(),
    label: text('label').notNull(),
    quantity: integer('quantity').notNull(),
    /** Dietary or practical note ("sans gluten"). */
    note: text('note'),
    addedBy: bigint('added_by', { mode: 'number' }).references(() => people.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('gathering_items_position').on(t.gatheringId, t.position)],
);

/** Who brings how many of an item. */
export const gatheringClaims = pgTable(
  'gathering_claims',
  {
    itemId: bigint('item_id', { mode: 'number' })
      .notNull()
      .references(() => gatheringItems.id, { onDelete: 'cascade' }),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.personId] }),
    index('gathering_claims_person').on(t.personId),
  ],
);

/** Official fête des voisins dates set by a bot administrator (else computed). */
export const officialFeteDates = pgTable('official_fete_dates', {
  year: integer('year').primaryKey(),
  date: text('date').notNull(),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What a person is asked in a private chat and answers in their next message (a need's
 * description, a volunteer's availability). One at a time per chat; it expires. */
export const pendingAnswers = pgTable('pending_answers', {
  chatId: bigint('chat_id', { mode: 'number' })
    .primaryKey()
    .references(() => chats.id, { onDelete: 'cascade' }),
  personId: bigint('person_id', { mode: 'number' })
    .notNull()
    .references(() => people.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** A neighbour's offer of help in one group: what they can do and when. */
export const volunteers = pgTable(
  'volunteers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    categories: jsonb('categories').$type<string[]>().notNull().default([]),
    availability: text('availability'),
    /** The availability as slots (weekday, weekend, morning, afternoon, evening); none: any. */
    availabilitySlots: jsonb('availability_slots').$type<string[]>().notNull().default([]),
    /** Away until this local date (YYYY-MM-DD) included: not asked meanwhile. */
    pausedUntil: text('paused_until'),
    active: boolean('active').notNull().default(true),
    /** For fair rotation: when they were last asked, and how many services they rendered. */
    lastNotifiedAt: timestamp('last_notified_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('volunteers_chat_person').on(t.chatId, t.personId),
    index('volunteers_person').on(t.personId),
  ],
);

/** A need posted by a neighbour, and who answered it. */
export const helpRequests = pgTable(
  'help_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    requesterId: bigint('requester_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    category: text('category').notNull(),
    description: text('description').notNull(),
    /** When it is needed, as the person said it ("demain matin"), and as a date if known. */
    whenText: text('when_text'),
    neededOn: text('needed_on'),
    /** The last day of a period ("du 20 au 27 décembre"); null for a single day or none. */
    neededUntil: text('needed_until'),
    urgent: boolean('urgent').notNull().default(false),
    showName: boolean('show_name').notNull().default(false),
    /**
     * The language the need was asked in when not the requester's private chat's (words
     * written in Portuguese in a chat still French): what the bot later says to the requester
     * about it is in it. Null: the private chat's.
     */
    locale: text('locale'),
    status: text('status', {
      enum: ['draft', 'open', 'offered', 'matched', 'done', 'expired', 'withdrawn'],
    }).notNull(),
    volunteerId: bigint('volunteer_id', { mode: 'number' }).references(() => people.id, {
      onDelete: 'set null',
    }),
    /** How the two reach each other once both agree: their contacts, or relayed messages. */
    contactMode: text('contact_mode', { enum: ['contact', 'relay'] }),
    /** The card posted in the group. */
    cardMessageId: text('card_message_id'),
    /** Notification rounds done so far (a few volunteers at a time). */
    rounds: integer('rounds').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    matchedAt: timestamp('matched_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    index('help_requests_chat_status').on(t.chatId, t.status),
    index('help_requests_requester').on(t.requesterId, t.createdAt),
    index('help_requests_volunteer').on(t.volunteerId),
  ],
);

/** Who was asked privately about a request, and what they said. Only they may accept it. */
export const helpNotifications = pgTable(
  'help_notifications',
  {
    requestId: bigint('request_id', { mode: 'number' })
      .notNull()
      .references(() => helpRequests.id, { onDelete: 'cascade' }),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    answer: text('answer', { enum: ['pending', 'accepted', 'declined', 'too_late'] })
      .notNull()
      .default('pending'),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.personId] }),
    index('help_notifications_person').on(t.personId),
  ],
);

/** Building referents: neighbours who check on others during heat and cold alerts. A group
 * admin confirms them; each may name another referent as backup. */
export const referents = pgTable(
  'referents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['pending', 'active', 'removed'] }).notNull(),
    backupPersonId: bigint('backup_person_id', { mode: 'number' }).references(() => people.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('referents_chat_person').on(t.chatId, t.personId),
    index('referents_person').on(t.personId),
  ],
);

/** A neighbour who agreed to be checked on. The minimum only, never health information;
 * who gave consent and when; expires at the end of the season unless renewed. */
export const watchedNeighbours = pgTable(
  'watched_neighbours',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    /** The referent who checks on them; null while handed to the organisers. */
    referentPersonId: bigint('referent_person_id', { mode: 'number' }).references(() => people.id, {
      onDelete: 'set null',
    }),
    /** The neighbour's own person row, when they are in the chat and confirmed themselves. */
    personId: bigint('person_id', { mode: 'number' }).references(() => people.id, {
      onDelete: 'cascade',
    }),
    name: text('name').notNull(),
    location: text('location'),
    reach: text('reach'),
    emergencyContact: text('emergency_contact'),
    status: text('status', { enum: ['pending_consent', 'active', 'removed'] }).notNull(),
    consentBy: text('consent_by', { enum: ['self', 'referent'] }),
    consentRecordedBy: bigint('consent_recorded_by', { mode: 'number' }).references(
      () => people.id,
      { onDelete: 'set null' },
    ),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    /** YYYY-MM-DD: the last day of the season the consent covers. */
    expiresOn: text('expires_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('watched_chat').on(t.chatId, t.status),
    index('watched_referent').on(t.referentPersonId),
    index('watched_person').on(t.personId),
  ],
);

/** The current heat and cold vigilance level of each département. */
export const vigilanceLevels = pgTable(
  'vigilance_levels',
  {
    departement: text('departement').notNull(),
    hazard: text('hazard', { enum: ['heat', 'cold'] }).notNull(),
    level: text('level', { enum: ['green', 'yellow', 'orange', 'red'] }).notNull(),
    source: text('source').notNull(),
    /** Increases with each change: announcements and alerts are keyed by it. */
    version: integer('version').notNull().default(1),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.departement, t.hazard] })],
);

/** One check-in: a watched neighbour, in one round, and what the referent answered. */
export const checkIns = pgTable(
  'check_ins',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    watchedId: bigint('watched_id', { mode: 'number' })
      .notNull()
      .references(() => watchedNeighbours.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    hazard: text('hazard', { enum: ['heat', 'cold'] }).notNull(),
    /** The round: local date and time, e.g. 2027-07-20T10:00. */
    round: text('round').notNull(),
    referentPersonId: bigint('referent_person_id', { mode: 'number' }).references(() => people.id, {
      onDelete: 'set null',
    }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    outcome: text('outcome', { enum: ['pending', 'ok', 'needs_help', 'unreachable'] })
      .notNull()
      .default('pending'),
    /** How far the ladder went: 0 sent, 1 reminded, 2 backup, 3 organisers. */
    step: integer('step').notNull().default(0),
    answeredBy: bigint('answered_by', { mode: 'number' }).references(() => people.id, {
      onDelete: 'set null',
    }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('check_ins_round').on(t.watchedId, t.round),
    index('check_ins_chat_round').on(t.chatId, t.round),
    index('check_ins_sent').on(t.sentAt),
  ],
);

/** A partner city of the Villes solidaires programme (a mairie, or several communes working
 * together), created by the bot's administrators. Its console shows anonymous figures of the
 * groups in its communes. */
export const partners = pgTable('partners', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  /** The CCAS's phone number (French format, stored as digits: 0478123456), which the heat and
   * cold watch of the partner's groups give instead of a generic "call the CCAS". */
  ccasPhone: text('ccas_phone'),
  /** How to register someone on the CCAS's registry of vulnerable people (the partner's words). */
  ccasRegistryHowto: text('ccas_registry_howto'),
  createdAt: createdAt(),
});

/** A partner's own line for a moment of the association's year (`moment` is the kit's id:
 * galette, fete-des-voisins, ete-des-voisins, rentree, noel, canicule, grand-froid), carried
 * by the seasonal suggestion in its groups and by /fete. */
export const partnerProgrammeLines = pgTable(
  'partner_programme_lines',
  {
    partnerId: bigint('partner_id', { mode: 'number' })
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    moment: text('moment').notNull(),
    line: text('line').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.moment] })],
);

/** A partner's own local events in its programme (a date and a title, nothing personal). */
export const partnerLocalEvents = pgTable(
  'partner_local_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partnerId: bigint('partner_id', { mode: 'number' })
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    /** YYYY-MM-DD, local. */
    date: text('date').notNull(),
    title: text('title').notNull(),
    /** HH:MM, local; null when the city gave no hour. */
    time: text('time'),
    place: text('place'),
    /** A few lines of details; never announced again when it alone changes. */
    description: text('description'),
    /** Counts every save: a send checks it, so an event changed since is never sent in an
     * old form (handlers/city-programme/). */
    revision: integer('revision').notNull().default(1),
    /** When its announcement is planned (a week before, 10:00 Paris); null when it was saved
     * too late to be announced (after 20:00 the eve). */
    announceAt: timestamp('announce_at', { withTimezone: true }),
    /** When the groups were found and the announcement sent; from then on a group that joins
     * gets it too (the catch-up), until the eve. Null again when the event moves later. */
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    /** The first change that matters not announced yet to the groups told (date, time, place
     * or title), and when its round of change messages (or a cancellation's) is due: null
     * with a change pending means too late to tell them. */
    changedSince: timestamp('changed_since', { withTimezone: true }),
    roundAt: timestamp('round_at', { withTimezone: true }),
    /** When the last round of change messages went out, and the round before it: at most two
     * rounds in four hours (handlers/city-programme/announcement-time.ts). */
    lastRoundAt: timestamp('last_round_at', { withTimezone: true }),
    roundBeforeAt: timestamp('round_before_at', { withTimezone: true }),
    /** Removed by the city after some group was told: kept for its cancellation messages and
     * the console's report, purged with its announcements. */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('partner_local_events_partner').on(t.partnerId, t.date)],
);

/** What a partner's local event told one of its groups (handlers/city-programme/): its
 * announcement, each change that mattered, its cancellation; one row per message, marked
 * `sending` before the platform is asked, so a message interrupted by a crash is never sent
 * again. The form the group was told (date, time, place, title) is written when it is sent:
 * the next change is measured against it. Removed with the event, or purged a while after
 * the event's day. */
export const localEventAnnouncements = pgTable(
  'local_event_announcements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => partnerLocalEvents.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['announcement', 'change', 'cancellation'] })
      .notNull()
      .default('announcement'),
    status: text('status', {
      enum: ['pending', 'sending', 'sent', 'failed', 'cancelled'],
    })
      .notNull()
      .default('pending'),
    /** Why it failed or was not sent (the platform's words, or the bot's reason). */
    error: text('error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Counts the times it was made pending again (a group that said "non", then "oui"): its
     * send job's key changes with it. */
    round: integer('round').notNull().default(0),
    /** Sends whose outcome stayed unknown (no answer, or a crash while `sending`) and that were
     * tried once more: a new date or hour, or a cancellation, is worth one possible duplicate
     * (handlers/city-programme/send-announcement.ts); never more than one. */
    unsureSends: integer('unsure_sends').notNull().default(0),
    /** The form it told, written as it is sent. */
    date: text('date'),
    time: text('time'),
    place: text('place'),
    title: text('title'),
  },
  (t) => [
    // One announcement and one cancellation per group; changes, one in flight at a time.
    uniqueIndex('local_event_announcements_once')
      .on(t.eventId, t.chatId, t.kind)
      .where(sql`${t.kind} <> 'change'`),
    uniqueIndex('local_event_announcements_change_in_flight')
      .on(t.eventId, t.chatId)
      .where(sql`${t.kind} = 'change' AND ${t.status} IN ('pending', 'sending')`),
    // One group's messages of one event, newest last (whether a group's last change is one
    // it missed while away: db/queries/local-event-rounds.ts); the messages not sent
    // because their group was away, which the catch-up looks for every ten minutes.
    index('local_event_announcements_group').on(t.eventId, t.chatId, t.id),
    index('local_event_announcements_away')
      .on(t.eventId)
      .where(
        sql`${t.status} = 'cancelled' AND ${t.error} IN ('reason:not_in_group', 'reason:opted_out')`,
      ),
  ],
);

/** A request, filed by a referent with the watched neighbour's explicit consent (or at their
 * own request), to register the neighbour on the partner's CCAS registry of vulnerable people
 * (CASF L121-6-1). Only the registry's legal content the bot may carry (name, address, how to
 * reach them, the person to contact), never health. `awaiting_consent` until the neighbour
 * (or the referent, on the neighbour's word) confirms; the CCAS sees `open` and `handled`
 * ones; handled requests are purged REGISTRY_REQUEST_KEEP_DAYS later. */
export const registryRequests = pgTable(
  'registry_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partnerId: bigint('partner_id', { mode: 'number' })
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    watchedId: bigint('watched_id', { mode: 'number' }).references(() => watchedNeighbours.id, {
      onDelete: 'set null',
    }),
    referentPersonId: bigint('referent_person_id', { mode: 'number' }).references(() => people.id, {
      onDelete: 'set null',
    }),
    /** The neighbour's own person row, when they are in the group. */
    personId: bigint('person_id', { mode: 'number' }).references(() => people.id, {
      onDelete: 'cascade',
    }),
    name: text('name').notNull(),
    address: text('address').notNull(),
    reach: text('reach'),
    emergencyContact: text('emergency_contact'),
    status: text('status', { enum: ['awaiting_consent', 'open', 'handled'] }).notNull(),
    consentBy: text('consent_by', { enum: ['self', 'referent'] }),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    handledBy: bigint('handled_by', { mode: 'number' }).references(() => people.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (t) => [
    index('registry_requests_partner').on(t.partnerId, t.status),
    index('registry_requests_referent').on(t.referentPersonId),
    index('registry_requests_person').on(t.personId),
    index('registry_requests_watched').on(t.watchedId),
  ],
);

/** The communes a partner covers, by INSEE code (Paris, Lyon, Marseille: arrondissements). */
export const partnerCommunes = pgTable(
  'partner_communes',
  {
    partnerId: bigint('partner_id', { mode: 'number' })
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    insee: text('insee').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.insee] }),
    index('partner_communes_insee').on(t.insee),
  ],
);

/** A partner's quartiers (names it chose); a group's admins may place their group in one. */
export const quartiers = pgTable(
  'quartiers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partnerId: bigint('partner_id', { mode: 'number' })
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Marked by the partner as exposed to heat (the label counts its referents). */
    heatExposed: boolean('heat_exposed').notNull().default(false),
  },
  (t) => [uniqueIndex('quartiers_partner_name').on(t.partnerId, t.name)],
);

/** A partner's staff with access to its console: `agent` (elected members and agents:
 * figures and exports) or `ccas` (also the heat and cold watch figures). */
export const partnerStaff = pgTable(
  'partner_staff',
  {
    partnerId: bigint('partner_id', { mode: 'number' })
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['agent', 'ccas'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.personId] }),
    index('partner_staff_person').on(t.personId),
  ],
);

/** An invitation to a partner's staff: a deep link into the private chat with the bot, for
 * one person, valid a few days. Only the token's SHA-256 is kept. */
export const staffInvitations = pgTable('staff_invitations', {
  tokenHash: text('token_hash').primaryKey(),
  partnerId: bigint('partner_id', { mode: 'number' })
    .notNull()
    .references(() => partners.id, { onDelete: 'cascade' }),
  role: text('role', { enum: ['agent', 'ccas'] }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  acceptedBy: bigint('accepted_by', { mode: 'number' }).references(() => people.id, {
    onDelete: 'set null',
  }),
  createdAt: createdAt(),
});

/** A one-time console link sent by `/console` in a private chat: single use, short-lived.
 * Only the token's SHA-256 is kept. */
export const consoleLoginTokens = pgTable(
  'console_login_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('console_login_tokens_person').on(t.personId)],
);

/** A console session opened by a one-time link (its cookie's SHA-256 is kept): it ends after
 * a while without use, or at its absolute expiry, or when the person logs out. */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** Sent back by every form of the session (CSRF). */
    csrfToken: text('csrf_token').notNull(),
    locale: text('locale').notNull().default('fr'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('console_sessions_person').on(t.personId)],
);

/** The console's anonymous figures, kept as events happen (or refreshed by a job) so a page
 * reads a few rows whatever the country's size. `scope` is where: `dep:<code>`,
 * `insee:<code>`, `quartier:<id>` or `chat:<id>`; `period` a month (YYYY-MM) for counts of
 * events, a year (YYYY) for states counted by the refresh job; `metric` what (see
 * db/queries/rollups.ts). No person is ever recorded. */
export const activityRollups = pgTable(
  'activity_rollups',
  {
    scope: text('scope').notNull(),
    period: text('period').notNull(),
    metric: text('metric').notNull(),
    value: bigint('value', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.period, t.metric] }),
    // The national view reads every département's row of a year: the primary key cannot
    // serve `scope LIKE 'dep:%'` under a linguistic collation; this small index can.
    index('activity_rollups_departements')
      .on(t.period, t.metric)
      .where(sql`${t.scope} LIKE 'dep:%'`),
  ],
);

/** The rows of activity_rollups of the communes (`insee:`) and quartiers (`quartier:`), one per
 * scope and period, its metrics as a JSON object (`{"kit:canicule": 12, …}`): a city's page
 * reads a dozen of these instead of some 330 rows scattered over the table. Kept equal to
 * activity_rollups by its triggers (migration 0027), whoever writes there; never written
 * otherwise. */
export const activityPeriodRollups = pgTable(
  'activity_period_rollups',
  {
    scope: text('scope').notNull(),
    period: text('period').notNull(),
    figures: jsonb('figures').$type<Record<string, number>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.scope, t.period] })],
);

/** A message a partner city writes to the groups of its communes from the console: a draft
 * while its preview is shown, then sent at `sendAt` (now or later) as one durable job per
 * group reached (city_message_deliveries); "send" turns a draft into a scheduled message
 * once, however often it is pressed. Purged with its deliveries CITY_MESSAGE_RETENTION_DAYS
 * after it was sent or cancelled (drafts never sent, after a day). */
export const cityMessages = pgTable(
  'city_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partnerId: bigint('partner_id', { mode: 'number' })
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    /** The staff member who wrote it (null once they are erased with /oublier). */
    authorPersonId: bigint('author_person_id', { mode: 'number' }).references(() => people.id, {
      onDelete: 'set null',
    }),
    textFr: text('text_fr'),
    textEn: text('text_en'),
    urgent: boolean('urgent').notNull().default(false),
    /** Where it goes: INSEE codes and quartier ids of the partner (empty: all), group kinds
     * (empty: all kinds, and groups whose kind is not set). */
    communes: text('communes')
      .array()
      .notNull()
      .default(sql`'{}'`),
    quartierIds: bigint('quartier_ids', { mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'`),
    groupKinds: text('group_kinds')
      .array()
      .notNull()
      .default(sql`'{}'`),
    attachmentName: text('attachment_name'),
    attachmentData: text('attachment_data'),
    sendAt: timestamp('send_at', { withTimezone: true }).notNull(),
    /** "As soon as possible": `sendAt` becomes the moment "send" is pressed. */
    sendNow: boolean('send_now').notNull().default(false),
    status: text('status', { enum: ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] })
      .notNull()
      .default('draft'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('city_messages_partner').on(t.partnerId, t.createdAt)],
);

/** One group a city message reaches, and what became of it: the delivery report. A row is
 * marked `sending` before the platform is asked, so a send interrupted by a crash is never
 * made again (it is reported as interrupted instead). */
export const cityMessageDeliveries = pgTable(
  'city_message_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => cityMessages.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    status: text('status', {
      enum: ['pending', 'sending', 'sent', 'failed', 'cancelled', 'opted_out'],
    })
      .notNull()
      .default('pending'),
    /** Why it failed, for the report (the platform's words, or "interrupted"). */
    error: text('error'),
    /** Sends whose outcome the platform left unknown (it may have it): tried again once. */
    unsureSends: integer('unsure_sends').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('city_message_deliveries_chat').on(t.messageId, t.chatId),
    index('city_message_deliveries_status').on(t.messageId, t.status),
  ],
);
