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
    groupKind: text('group_kind', { enum: ['immeuble', 'rue', 'quartier'] }),
    name: text('name'),
    postcode: text('postcode'),
    departement: text('departement'),
    timezone: text('timezone').notNull().default('Europe/Paris'),
    /** Whether the group gets the seasonal kit suggestions (an admin may turn them off). */
    kitSuggestions: boolean('kit_suggestions').notNull().default(true),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('chats_platform_external_id').on(t.platform, t.externalId),
    index('chats_departement').on(t.departement),
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
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.chatId, t.personId] }),
    index('chat_members_person').on(t.personId),
  ],
);

/** Inbound events already handled: platforms redeliver (Telegram after a timeout, WhatsApp
 * after a reconnect). Purged after a few days by a recurring job. */
export const processedEvents = pgTable(
  'processed_events',
  {
    eventId: text('event_id').primaryKey(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('processed_events_processed_at').on(t.processedAt)],
);

/** The latest numbered question in a chat, on platforms without buttons: a reply "2" in
 * that chat before `expiresAt` is read as the second choice. */
export const numberedPrompts = pgTable('numbered_prompts', {
  chatId: bigint('chat_id', { mode: 'number' })
    .primaryKey()
    .references(() => chats.id, { onDelete: 'cascade' }),
  messageId: text('message_id').notNull(),
  kind: text('kind', { enum: ['choices', 'poll'] }).notNull(),
  options: jsonb('options').$type<string[]>().notNull(),
  /** For polls: the platform's poll id, so a numbered vote becomes a poll vote. */
  pollId: text('poll_id'),
  multiple: boolean('multiple').notNull().default(false),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

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
    lastError: text('last_error'),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_dedupe_key').on(t.dedupeKey),
    index('jobs_due')
      .on(t.runAt)
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
