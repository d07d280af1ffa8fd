/**
 * Replay of raw WhatsApp Web data (tests/fixtures/whatsapp/*.json) through whatsapp-web.js's own
 * structure classes, the ones its Client instantiates: what the adapter receives in production,
 * without a browser. The fixtures are invented (no real numbers), their shapes are not.
 *
 * How the raw data reaches Node, and so why the fixtures look as they do (whatsapp-web.js 1.34.7):
 * - Events cross from the page through puppeteer's exposeFunction, which JSON.stringify's the
 *   arguments (puppeteer-core src/cdp/utils.ts, addPageBinding). JSON calls toJSON where there
 *   is one: WhatsApp Web's Wid has `toJSON(): string`, its models (Msg) have `toJSON()` = their
 *   attributes (wa-js's typings of both), its MsgKey has none, only toString: keys reached Node as
 *   objects even when WhatsApp renamed their `_serialized` (below). Hence, in every event fixture:
 *   - wids are strings: from, to, author, quotedParticipant, quotedRemoteJid, mentionedJidList[],
 *     recipients[], a vote's sender/senderUserJid, and a key's remote and participant;
 *   - message keys are objects `{ fromMe, remote, id, participant?, _serialized }`: a message's
 *     `id` (getMessageModel copies it into a plain object), and a vote's `msgKey`, `parentMsgKey`
 *     and `pollUpdateParentKey`, which are MsgKey instances passed as they are;
 *   - a typed array becomes `{"0": …, "1": …}` (a poll's messageSecret: Message._patch reads it
 *     back with Object.keys).
 *   Message._patch also accepts `{ _serialized }` objects for from/to/author: that is the shape
 *   of data returned by `pupPage.evaluate` (getMessageById, reload, getQuotedMessage), which is
 *   not JSON; events never carry it.
 * - A message is `getMessageModel(msg)` (src/util/Injected/Utils.js): Msg.serialize() plus
 *   isStatusV3, links and (dropped by JSON when undefined) isEphemeral. Its quote lives in the raw
 *   data only: `quotedMsg` (the quoted content, without an id), `quotedStanzaID` (the quoted
 *   message's id.id), `quotedParticipant` (its author), `quotedRemoteJid` (WhatsApp's name; the
 *   library exposes none of these, only `hasQuotedMsg`).
 * - A vote is built in the page by the `pollVoteTableMode.bulkUpsert` injection (src/Client.js):
 *   `{ ...vote, msgKey, sender, parentMsgKey, senderUserJid, timestamp, parentMessage }`, where
 *   parentMessage is WhatsApp Web's Msg model itself (not getMessageModel), or null when the poll
 *   is in neither the page's store nor its database (then PollVote.parentMessage is a Message
 *   with no id at all). `timestamp` is `t / 1000` as the injection computes it; the vote's time
 *   is senderTimestampMs (PollVote.interractedAtTs, in milliseconds). The vote row's own fields
 *   other than those the injection and PollVote read are plausible, not verified.
 * - A group notification is getMessageModel of a `gp2` message (type 'gp2', `subtype`,
 *   `recipients`).
 * - WhatsApp Web builds from July 2026 keep MsgKey's string in a minified `$1` instead of
 *   `_serialized` (fixture group-message-lid-renamed-key): id._serialized is then undefined, and
 *   the vote injection, which looks the poll up by `parentMsgKey._serialized`, fails in the page:
 *   no vote_update at all. Code reading a key should accept `_serialized`, `$1`, or rebuild
 *   `fromMe_remote_id[_participant]`.
 */
import { readFileSync } from 'node:fs';
import {
  libraryStructures,
  type VOTE_PATCH_ERROR,
  type WhatsAppGroupNotification,
  type WhatsAppMessage,
  type WhatsAppPollVote,
} from '../../bot/whatsapp/whatsapp-client.ts';

/** A MsgKey as it crosses JSON. */
export interface RawMsgKey {
  fromMe: boolean;
  remote: string;
  id: string;
  participant?: string;
  _serialized?: string;
  /** Instead of _serialized on WhatsApp Web builds from July 2026. */
  $1?: string;
}

export interface RawMessage {
  id: RawMsgKey;
  type: string;
  subtype?: string;
  t: number;
  from: string;
  to?: string;
  author?: string;
  body?: string;
  caption?: string;
  notifyName?: string;
  directPath?: string;
  mentionedJidList?: string[];
  quotedMsg?: { type: string; body?: string; caption?: string };
  quotedStanzaID?: string;
  quotedParticipant?: string;
  quotedRemoteJid?: string;
  recipients?: string[];
  isStatusV3?: boolean;
  broadcast?: boolean;
  pollName?: string;
  pollOptions?: { name: string; localId: number }[];
  [field: string]: unknown;
}

export interface RawVote {
  id: RawMsgKey;
  t: number;
  author?: string;
  from: string;
  pollUpdateParentKey: RawMsgKey;
  selectedOptionLocalIds: number[];
  senderTimestampMs: number;
  msgKey: RawMsgKey;
  sender: string;
  parentMsgKey: RawMsgKey;
  senderUserJid: string;
  timestamp: number;
  parentMessage: RawMessage | null;
  [field: string]: unknown;
}

export type RawGroupNotification = RawMessage & { type: 'gp2'; subtype: string };

const FIXTURE_KINDS = {
  'group-message-lid': 'message',
  'group-mention-bot-lid': 'message',
  'group-reply-to-bot': 'message',
  'image-with-caption': 'message',
  'image-without-caption': 'message',
  'image-media-expired': 'message',
  'status-broadcast': 'message',
  'channel-message': 'message',
  'group-message-lid-renamed-key': 'message',
  vote: 'vote',
  'vote-after-restart': 'vote',
  'vote-unknown-option': 'vote',
  'group-add-bot-by-lid-admin': 'group-notification',
} as const;

export type WhatsAppFixtureName = keyof typeof FIXTURE_KINDS;
type FixtureKind = (typeof FIXTURE_KINDS)[WhatsAppFixtureName];
type NamesOf<K extends FixtureKind> = {
  [N in WhatsAppFixtureName]: (typeof FIXTURE_KINDS)[N] extends K ? N : never;
}[WhatsAppFixtureName];

export type MessageFixtureName = NamesOf<'message'>;
export type VoteFixtureName = NamesOf<'vote'>;
export type GroupNotificationFixtureName = NamesOf<'group-notification'>;

type RawOf<N extends WhatsAppFixtureName> = (typeof FIXTURE_KINDS)[N] extends 'vote'
  ? RawVote
  : (typeof FIXTURE_KINDS)[N] extends 'group-notification'
    ? RawGroupNotification
    : RawMessage;

const namesOf = <K extends FixtureKind>(kind: K) =>
  (Object.keys(FIXTURE_KINDS) as WhatsAppFixtureName[]).filter(
    (name) => FIXTURE_KINDS[name] === kind,
  ) as NamesOf<K>[];

export const WHATSAPP_FIXTURE_NAMES = Object.keys(FIXTURE_KINDS) as WhatsAppFixtureName[];
export const MESSAGE_FIXTURE_NAMES = namesOf('message');
export const VOTE_FIXTURE_NAMES = namesOf('vote');
export const GROUP_NOTIFICATION_FIXTURE_NAMES = namesOf('group-notification');

/** The bot's own ids in every fixture. */
export const FIXTURE_BOT = { pn: '33700000000@c.us', lid: '99000000000001@lid' } as const;

/**
 * A fresh copy of a fixture's raw data, with top-level fields replaced by `overrides`
 * (e.g. `{ body: '…' }`); see withTime to move it in time.
 */
export function loadWhatsAppFixture<N extends WhatsAppFixtureName>(
  name: N,
  overrides: Partial<RawOf<N>> = {},
): RawOf<N> {
  const file = new URL(`../fixtures/whatsapp/${name}.json`, import.meta.url);
  return { ...(JSON.parse(readFileSync(file, 'utf8')) as RawOf<N>), ...overrides };
}

/**
 * The same raw data dated `at`: a message's `t` (seconds); a vote's senderTimestampMs
 * (milliseconds), `t` and the injection's `timestamp`. A poll in the vote stays as it was.
 */
export function withTime<R extends RawMessage | RawVote>(raw: R, at: Date): R {
  const ms = at.getTime();
  const seconds = Math.floor(ms / 1000);
  if ('senderTimestampMs' in raw && 'parentMsgKey' in raw) {
    return { ...raw, senderTimestampMs: ms, t: seconds, timestamp: seconds / 1000 };
  }
  return { ...raw, t: seconds };
}

/** What a whatsapp-web.js Message built from raw data carries beyond its typings. */
export type RealMessage = WhatsAppMessage & { _data: RawMessage };

/** What a PollVote carries beyond its typings (options also carry `localId`, not `id`). */
export type RealPollVote = WhatsAppPollVote & {
  parentMsgKey?: RawMsgKey;
  [VOTE_PATCH_ERROR]?: unknown;
};

export type RealGroupNotification = WhatsAppGroupNotification & { id: RawMsgKey };

/**
 * The raw data goes through JSON first, as it does between the page and Node, so a test's
 * object is neither shared with the structure nor holds what JSON would drop.
 * `client`: the structure keeps it (its methods call it); pass a FakeWhatsAppClient to use them.
 */
const overTheBridge = (raw: unknown): unknown => JSON.parse(JSON.stringify(raw));

export function buildRealMessage(raw: RawMessage, client: object = {}): RealMessage {
  const { Message } = libraryStructures();
  return new Message(client, overTheBridge(raw)) as RealMessage;
}

/** Built with the adapter's guard in place (libraryStructures installs it). */
export function buildRealPollVote(raw: RawVote, client: object = {}): RealPollVote {
  const { PollVote } = libraryStructures();
  return new PollVote(client, overTheBridge(raw)) as RealPollVote;
}

export function buildRealGroupNotification(
  raw: RawGroupNotification,
  client: object = {},
): RealGroupNotification {
  const { GroupNotification } = libraryStructures();
  return new GroupNotification(client, overTheBridge(raw)) as RealGroupNotification;
}
