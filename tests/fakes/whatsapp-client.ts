/**
 * A fake whatsapp-web.js client for tests of the WhatsApp adapter, without a browser.
 *
 * `implements ClientSurface`: the compiler checks every method against the real library's
 * typings (the part of `Client` the bot uses). Payloads are plain objects shaped as
 * whatsapp-web.js 1.34 builds them at run time (src/structures/Message.js, PollVote.js,
 * GroupNotification.js), cast to the library's types:
 * - a group message: `from` = the group, `author` = the sender, `to` = the bot, and an id
 *   whose `_serialized` ends with the participant (`false_<group>_<id>_<author>`); a private
 *   message: `from` = the sender, no `author`, `_serialized` = `false_<sender>_<id>`;
 * - the sender's chosen name is in `_data.notifyName` (the Message has no name field);
 * - `message_create` is emitted before `message` for a received message, and for every
 *   message the bot sends (the real client does the same with its own messages);
 * - a vote's options carry `localId` (the typings say `id`), `interractedAtTs` is in
 *   milliseconds, and an empty selection is a retraction;
 * - a state outside CONNECTED/OPENING/PAIRING/TIMEOUT emits `disconnected` and destroys the
 *   client, as the real one does without `takeoverOnConflict`;
 * - a sent text is recorded as the recipient gets it: WhatsApp carries it as UTF-8, so half a
 *   surrogate pair (half an emoji) arrives as U+FFFD.
 *
 * It misbehaves the way the real one does, on demand: 'ready' that never comes, lookups of a
 * person's other id that throw ("Evaluation failed") or find no number (an @lid whose number
 * is hidden), a page gone unusable after hours idle ("detached Frame": state checks and
 * sends reject), 'ready' emitted again on a re-sync, votes whose poll message the library
 * could not find (sent before a restart).
 *
 * Not modelled: media downloads, reactions, acks, message length or poll option limits,
 * pairing codes, the bot's own votes.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type {
  ClientSurface,
  MessageContent,
  MessageSendOptions,
  WhatsAppGroupNotification,
  WhatsAppMessage,
  WhatsAppPollVote,
} from '../../bot/whatsapp/whatsapp-client.ts';

// The library's types, reached through the surface so this file needs nothing else from it.
type ClientInfo = ClientSurface['info'];
type ContactId = ClientInfo['wid'];
type Chat = Awaited<ReturnType<ClientSurface['getChatById']>>;
type WAState = Awaited<ReturnType<ClientSurface['getState']>>;
/** A state by name ('CONNECTED', 'CONFLICT', …): the enum's string values. */
export type WAStateName = `${WAState}`;

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface FakeParticipant {
  id: string;
  isAdmin?: boolean;
  isSuperAdmin?: boolean;
}

export interface FakeGroup {
  /** `…@g.us` */
  id: string;
  name: string;
  participants: FakeParticipant[];
}

export interface LidPair {
  /** `…@lid` */
  lid: string;
  /** `…@c.us` */
  pn: string;
}

export interface FakeWhatsAppOptions {
  /** International number without "+"; the bot is `<botNumber>@c.us`. Default 33700000000. */
  botNumber?: string;
  /** The bot's `@lid`. Default 99000000000001@lid. */
  botLid?: string;
  /** The bot account's push name, in `info.pushname`. Default 'Voisins solidaires'. */
  pushname?: string;
  /** Groups the bot is in (it is added as a plain participant unless listed). */
  groups?: FakeGroup[];
  /** Answers of getContactLidAndPhone (the bot's own pair is always known). */
  lidPairs?: LidPair[];
  /** How many initialize() calls reject as whatsapp-web.js does offline. Default 0. */
  failInitialize?: number;
  /** true (default): a saved session; false: initialize() emits 'qr' and waits for scanQr(). */
  authenticated?: boolean;
  /** Milliseconds since the epoch, for timestamps. Default Date.now. */
  now?: () => number;
  /** Logs in ('authenticated') but never emits 'ready', as a page stuck loading does. */
  neverReady?: boolean;
}

/** The raw message whatsapp-web.js keeps in `message._data` (only the fields tests use). */
export interface FakeMessageData {
  id: FakeMessageId;
  body: string;
  type: string;
  t: number;
  from: string;
  to: string;
  author?: string;
  notifyName?: string;
  caption?: string;
  mimetype?: string;
  [key: string]: unknown;
}

export interface FakeMessageId {
  fromMe: boolean;
  remote: string;
  id: string;
  participant?: string;
  _serialized: string;
}

/** A Message as emitted at run time: the library's type plus the raw `_data`. */
export type FakeMessage = WhatsAppMessage & { _data: FakeMessageData };

/** A PollVote as emitted at run time: options carry `localId`, not `id` as typed. */
export type FakePollVote = Omit<WhatsAppPollVote, 'selectedOptions'> & {
  selectedOptions: { name: string | undefined; localId: number }[];
};

export interface SentRecord {
  chatId: string;
  kind: 'text' | 'poll' | 'document';
  /** The text, or a document's caption. */
  text?: string;
  poll?: { question: string; options: string[]; multipleAnswers: boolean };
  document?: { filename: string; mimetype: string; size: number; data: Buffer };
  options: MessageSendOptions | undefined;
  /** The sent message's `id._serialized` (for a poll, the poll id of its votes). */
  messageId: string;
  message: FakeMessage;
}

export interface IncomingMessageParams {
  /** A group (`…@g.us`), a person, `status@broadcast`, a `…@newsletter`… */
  from: string;
  /** The sender in a group (and of a status); absent in a private chat. */
  author?: string;
  /** A quoted reply: the quoted message's sender (`_data.quotedParticipant`). */
  quotedParticipant?: string;
  /** A quoted reply: the quoted message's key id (`_data.quotedStanzaID`). Default: random. */
  quotedStanzaId?: string;
  /** The recipient: the bot. */
  to: string;
  body: string;
  notifyName?: string;
  mentionedIds?: string[];
  /** MessageTypes value: 'chat' (default), 'image', 'sticker', 'location', 'ptt'… */
  type?: string;
  /** Default: true for media types. */
  hasMedia?: boolean;
  /** The raw message id (the part after the chat in `_serialized`). Default: random. */
  id?: string;
  fromMe?: boolean;
  isStatus?: boolean;
  broadcast?: boolean;
  /** Seconds since the epoch. Default: now. */
  timestamp?: number;
}

export interface PollVoteParams {
  /** The poll message's `id._serialized`. */
  pollMessageId: string;
  voter: string;
  /** The voter's full current selection, by option index (`localId`); empty = retraction. */
  selectedLocalIds: number[];
  /** The poll's question and options, when known (else the names are undefined). */
  poll?: { question: string; options: string[]; multipleAnswers?: boolean };
  /** Who sent the poll (`from` of the parent message). Default: the id's participant. */
  pollSender?: string;
  /** Milliseconds since the epoch. Default: now. */
  timestamp?: number;
  /** The library could not find the poll message (sent before a restart): only its key. */
  withoutPoll?: boolean;
}

/** A text as the recipient gets it: UTF-8 on the wire, so a lone surrogate becomes U+FFFD. */
function asReceived(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// Builders: payloads as the real client emits them
// ---------------------------------------------------------------------------------------------

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'ptt', 'document', 'sticker']);

/** A received (or own) message as whatsapp-web.js emits it on 'message'. */
export function buildMessage(params: IncomingMessageParams): FakeMessage {
  const type = params.type ?? 'chat';
  const hasMedia = params.hasMedia ?? MEDIA_TYPES.has(type);
  const fromMe = params.fromMe ?? false;
  const rawId = params.id ?? randomId(fromMe);
  const remote = fromMe ? params.to : params.from;
  const participant = params.author;
  const id: FakeMessageId = {
    fromMe,
    remote,
    id: rawId,
    ...(participant ? { participant } : {}),
    _serialized: [String(fromMe), remote, rawId, ...(participant ? [participant] : [])].join('_'),
  };
  const timestamp = params.timestamp ?? Math.floor(Date.now() / 1000);
  const isStatus = params.isStatus ?? remote === 'status@broadcast';
  const data: FakeMessageData = {
    id,
    body: params.body,
    type,
    t: timestamp,
    from: params.from,
    to: params.to,
    ...(params.author ? { author: params.author } : {}),
    ...(params.notifyName !== undefined ? { notifyName: params.notifyName } : {}),
    ...(hasMedia ? { caption: params.body, mimetype: mimetypeOf(type) } : {}),
    ...(params.quotedParticipant
      ? {
          quotedMsg: { type: 'chat', body: '' },
          quotedStanzaID: params.quotedStanzaId ?? randomId(true),
          quotedParticipant: params.quotedParticipant,
        }
      : {}),
    mentionedJidList: params.mentionedIds ?? [],
    isNewMsg: true,
  };
  const message = {
    _data: data,
    mediaKey: hasMedia ? randomBytes(32).toString('base64') : undefined,
    id,
    ack: fromMe ? 0 : 1,
    hasMedia,
    body: params.body,
    type,
    timestamp,
    from: params.from,
    to: params.to,
    author: params.author,
    deviceType: fromMe ? 'web' : 'android',
    isForwarded: false,
    forwardingScore: 0,
    isStatus,
    isStarred: false,
    broadcast: params.broadcast ?? isStatus,
    fromMe,
    hasQuotedMsg: params.quotedParticipant !== undefined,
    hasReaction: false,
    duration: undefined,
    location: undefined,
    vCards: [],
    inviteV4: undefined,
    mentionedIds: params.mentionedIds ?? [],
    groupMentions: [],
    orderId: undefined,
    token: undefined,
    isGif: false,
    isEphemeral: false,
    links: [],
  };
  return message as unknown as FakeMessage;
}

/** A PollVote as whatsapp-web.js emits it on 'vote_update'. */
export function buildPollVote(params: PollVoteParams): FakePollVote {
  const parts = parsePollMessageId(params.pollMessageId);
  const pollOptions = (params.poll?.options ?? []).map((name, localId) => ({ name, localId }));
  const selectedOptions = params.selectedLocalIds.map((localId) => ({
    name: params.poll ? pollOptions.find((option) => option.localId === localId)?.name : undefined,
    localId,
  }));
  const parentId: FakeMessageId = {
    fromMe: parts.fromMe,
    remote: parts.remote,
    id: parts.id,
    ...(parts.participant ? { participant: parts.participant } : {}),
    _serialized: params.pollMessageId,
  };
  const built = buildMessage({
    from: params.pollSender ?? parts.participant ?? parts.remote,
    to: parts.remote,
    body: params.poll?.question ?? '',
    type: 'poll_creation',
    fromMe: parts.fromMe,
    ...(parts.participant ? { author: parts.participant } : {}),
  });
  const parentMessage = {
    ...built,
    _data: { ...built._data, id: parentId },
    id: parentId,
    pollName: params.poll?.question ?? '',
    pollOptions,
    allowMultipleAnswers: params.poll?.multipleAnswers ?? false,
    pollInvalidated: false,
    messageSecret: [],
  };
  const vote = {
    voter: params.voter,
    selectedOptions,
    interractedAtTs: params.timestamp ?? Date.now(),
    // `new Message(client, null)`: a Message without any field.
    parentMessage: params.withoutPoll ? {} : parentMessage,
    parentMsgKey: parentId,
  };
  return vote as unknown as FakePollVote;
}

/** A GroupNotification as whatsapp-web.js emits it on 'group_join' and 'group_leave'. */
export function buildGroupNotification(params: {
  chatId: string;
  author: string;
  recipientIds: string[];
  type: 'add' | 'invite' | 'remove' | 'leave' | 'promote' | 'demote';
  /** Seconds since the epoch. Default: now. */
  timestamp?: number;
}): WhatsAppGroupNotification {
  const rawId = randomId(false);
  const notification = {
    id: {
      fromMe: false,
      remote: params.chatId,
      id: rawId,
      participant: params.author,
      _serialized: `false_${params.chatId}_${rawId}_${params.author}`,
    },
    body: '',
    type: params.type,
    timestamp: params.timestamp ?? Math.floor(Date.now() / 1000),
    chatId: params.chatId,
    author: params.author,
    recipientIds: params.recipientIds,
  };
  return notification as unknown as WhatsAppGroupNotification;
}

// ---------------------------------------------------------------------------------------------
// The fake client
// ---------------------------------------------------------------------------------------------

/** The states in which the real client stays up (without takeoverOnConflict). */
const ACCEPTED_STATES: readonly string[] = ['CONNECTED', 'OPENING', 'PAIRING', 'TIMEOUT'];

const DETACHED_FRAME = 'Attempted to use detached Frame';

const SESSION_CLOSED =
  'Protocol error (Runtime.callFunctionOn): Session closed. Most likely the page has been closed.';

interface GroupState {
  id: string;
  name: string;
  participants: Map<string, FakeParticipant>;
  botRemoved: boolean;
}

export class FakeWhatsAppClient extends EventEmitter implements ClientSurface {
  /** Set when 'ready' is emitted; undefined before, as in the real client. */
  info: ClientInfo = undefined as unknown as ClientInfo;

  readonly botId: string;
  readonly botLid: string;
  /** Every message the bot sent, in order. */
  readonly sent: SentRecord[] = [];
  /** Messages people wrote, by serialized id (for getMessageById). */
  private readonly received = new Map<string, FakeMessage>();
  /** Serialized ids of messages deleted for everyone, and "for me" only. */
  readonly revoked: string[] = [];
  readonly deletedForMe: string[] = [];
  /** The id lists passed to getContactLidAndPhone, in order. */
  readonly lidLookups: string[][] = [];
  initializeCalls = 0;
  destroyCalls = 0;
  destroyed = false;
  /** Between 'ready' and a disconnection or destroy(). */
  ready = false;
  /** initialize() emitted 'qr' and waits for scanQr(). */
  waitingForQr = false;

  private readonly pushname: string;
  private readonly groups = new Map<string, GroupState>();
  private readonly lidPairs: LidPair[];
  private readonly now: () => number;
  /** A saved session (LocalAuth): initialize() logs in without a QR code. */
  private sessionSaved: boolean;
  private failInitializeLeft: number;
  private state: WAState | null = null;
  private started = false;
  private sendFailures: (Error | 'undefined')[] = [];
  private lookupFailures = 0;
  private lookupCount = 0;
  private failEvery = 0;
  private pageDetached = false;
  private readonly neverReady: boolean;

  constructor(options: FakeWhatsAppOptions = {}) {
    super();
    const botNumber = options.botNumber ?? '33700000000';
    this.botId = `${botNumber}@c.us`;
    this.botLid = options.botLid ?? '99000000000001@lid';
    this.pushname = options.pushname ?? 'Voisins solidaires';
    this.lidPairs = [{ lid: this.botLid, pn: this.botId }, ...(options.lidPairs ?? [])];
    this.now = options.now ?? Date.now;
    this.sessionSaved = options.authenticated ?? true;
    this.failInitializeLeft = options.failInitialize ?? 0;
    this.neverReady = options.neverReady ?? false;
    for (const group of options.groups ?? []) this.addGroup(group);
  }

  // --- The ClientSurface -----------------------------------------------------------------------

  /** Emits 'authenticated' and 'ready' (or 'qr') before resolving. */
  async initialize(): Promise<void> {
    this.initializeCalls += 1;
    await tick();
    if (this.failInitializeLeft > 0) {
      this.failInitializeLeft -= 1;
      throw new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');
    }
    this.started = true;
    this.destroyed = false;
    if (this.sessionSaved) {
      this.authenticate();
    } else {
      this.waitingForQr = true;
      this.emit('qr', fakeQr());
    }
  }

  async destroy(): Promise<void> {
    this.destroyCalls += 1;
    await tick();
    this.destroyed = true;
    this.ready = false;
    this.waitingForQr = false;
    this.state = null;
  }

  async sendMessage(
    chatId: string,
    content: MessageContent,
    options?: MessageSendOptions,
  ): Promise<WhatsAppMessage> {
    await tick();
    this.assertUsable();
    if (this.pageDetached) throw new Error(DETACHED_FRAME);
    const failure = this.sendFailures.shift();
    if (failure === 'undefined') return undefined as unknown as WhatsAppMessage;
    if (failure) throw failure;
    if (isGroup(chatId)) {
      const group = this.groups.get(chatId);
      if (!group || group.botRemoved) {
        throw new Error(`Evaluation failed: Error: not a participant of ${chatId}`);
      }
    } else if (!isPerson(chatId)) {
      throw new Error(`Evaluation failed: Error: cannot send to ${chatId}`);
    }
    const record = this.toRecord(chatId, content, options);
    this.sent.push(record);
    this.emit('message_create', record.message);
    return record.message;
  }

  /** A group's GroupChat, or a person's PrivateChat; undefined for an unknown group. */
  async getChatById(chatId: string): Promise<Chat> {
    await tick();
    this.assertUsable();
    const group = this.groups.get(chatId);
    if (group) return this.groupChat(group) as unknown as Chat;
    if (isPerson(chatId)) {
      const chat = {
        id: contactId(chatId),
        name: '',
        isGroup: false,
        isReadOnly: false,
        unreadCount: 0,
        timestamp: Math.floor(this.now() / 1000),
        archived: false,
        pinned: false,
        isMuted: false,
        muteExpiration: 0,
      };
      return chat as unknown as Chat;
    }
    return undefined as unknown as Chat;
  }

  /**
   * A message by its serialized id, null when unknown; its delete(everyone) revokes it for
   * everyone only when WhatsApp allows (the bot's own, or the bot is an admin of the group),
   * and otherwise deletes it "for me", as WhatsApp Web does.
   */
  async getMessageById(messageId: string): Promise<WhatsAppMessage> {
    await tick();
    this.assertUsable();
    const message =
      this.received.get(messageId) ?? this.sent.find((r) => r.messageId === messageId)?.message;
    if (!message) return null as unknown as WhatsAppMessage;
    const remove = async (everyone?: boolean) => {
      await tick();
      const group = this.groups.get(message.from);
      const botIsAdmin = [...(group?.participants.values() ?? [])].some(
        (p) => this.isBot(p.id) && (p.isAdmin === true || p.isSuperAdmin === true),
      );
      if (everyone && (message.fromMe || botIsAdmin)) this.revoked.push(messageId);
      else this.deletedForMe.push(messageId);
    };
    return { ...message, delete: remove };
  }

  /** 'CONNECTED' after 'ready', null before. */
  async getState(): Promise<WAState> {
    await tick();
    if (this.destroyed) throw new Error(SESSION_CLOSED);
    if (this.pageDetached) throw new Error(DETACHED_FRAME);
    return this.state as WAState;
  }

  /**
   * `{ lid, pn }` per id from the known pairs; for an @lid whose number is hidden, the lid
   * alone; for an unknown number, nothing. Throws while failLookups() says so.
   */
  async getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]> {
    await tick();
    this.assertUsable();
    this.lidLookups.push([...userIds]);
    this.lookupCount += 1;
    const everyNth = this.failEvery > 0 && this.lookupCount % this.failEvery === 0;
    if (this.lookupFailures > 0 || everyNth) {
      if (!everyNth) this.lookupFailures -= 1;
      throw new Error(
        "Evaluation failed: TypeError: Cannot read properties of undefined (reading 'id')",
      );
    }
    return userIds.map((userId) => {
      const pair = this.lidPairs.find((p) => p.lid === userId || p.pn === userId);
      if (pair) return { ...pair };
      return { lid: userId.endsWith('@lid') ? userId : undefined, pn: undefined } as never;
    });
  }

  // --- Test drivers: lifecycle -----------------------------------------------------------------

  /** After a 'qr' (`authenticated: false`, or a LOGOUT): the phone scans the QR code; the
   * session is then saved, so later initialize() calls log in without a QR code. */
  scanQr(): void {
    if (!this.waitingForQr) throw new Error('FakeWhatsAppClient: no QR code is waiting');
    this.waitingForQr = false;
    this.authenticate();
  }

  /**
   * Emits 'disconnected'. Like the real client, it then destroys itself; except on LOGOUT
   * (unlinked from the phone), where the saved session is gone and a new 'qr' is emitted.
   */
  disconnect(reason: WAStateName | 'LOGOUT' | 'NAVIGATION' = 'NAVIGATION'): void {
    this.ready = false;
    this.state = null;
    this.emit('disconnected', reason);
    if (reason === 'LOGOUT') {
      this.sessionSaved = false;
      this.waitingForQr = true;
      this.emit('qr', fakeQr());
    } else {
      this.destroyed = true;
    }
  }

  /** Emits 'change_state'; a state the real client does not accept also disconnects it. */
  changeState(state: WAStateName): void {
    this.state = state as WAState;
    this.emit('change_state', state);
    if (!ACCEPTED_STATES.includes(state)) this.disconnect(state);
  }

  /** The next `count` lookups of a person's other id throw, as the page's evaluation does. */
  failLookups(count = 1): void {
    this.lookupFailures += count;
  }

  /** From now on, one lookup in `n` throws (0: none). */
  failEveryNthLookup(n: number): void {
    this.failEvery = n;
  }

  /** WhatsApp Web now tells this @lid's number (and the reverse): later lookups find it. */
  linkIds(pair: LidPair): void {
    this.lidPairs.push({ ...pair });
  }

  /** The page is gone after hours idle: state checks and sends reject ("detached Frame"). */
  detachPage(): void {
    this.pageDetached = true;
  }

  /** WhatsApp Web re-synced: 'ready' is emitted again on the same client. */
  resync(): void {
    this.emit('ready');
  }

  /** The next send rejects with this error (queued: call it n times for n failures). */
  failNextSend(error: Error = new Error(SESSION_CLOSED)): void {
    this.sendFailures.push(error);
  }

  /** The next send resolves undefined, as the real client does when it cannot find the chat. */
  loseNextSend(): void {
    this.sendFailures.push('undefined');
  }

  // --- Test drivers: groups --------------------------------------------------------------------

  /** The bot is no longer in the group: its sends reject, getChatById leaves it out. */
  removeFromGroup(groupId: string): void {
    const group = this.groups.get(groupId);
    if (group) group.botRemoved = true;
  }

  /** People join (type 'add' with an admin author, else 'invite' by link); the bot may be one. */
  joinGroup(
    groupId: string,
    ids: string[],
    options: { author?: string; name?: string } = {},
  ): WhatsAppGroupNotification {
    const group =
      this.groups.get(groupId) ??
      this.addGroup({ id: groupId, name: options.name ?? '', participants: [] });
    if (options.name !== undefined) group.name = options.name;
    for (const id of ids) {
      if (this.isBot(id)) group.botRemoved = false;
      else if (!group.participants.has(id)) group.participants.set(id, { id });
    }
    const author = options.author ?? ids[0] ?? this.botId;
    const notification = buildGroupNotification({
      chatId: groupId,
      author,
      recipientIds: ids,
      type: options.author && !ids.includes(options.author) ? 'add' : 'invite',
      timestamp: this.seconds(),
    });
    this.emit('group_join', notification);
    return notification;
  }

  /** An admin `author` promotes people to admins, or demotes them ('group_admin_changed'). */
  changeAdmins(
    groupId: string,
    ids: string[],
    admin: boolean,
    author: string,
  ): WhatsAppGroupNotification {
    const group = this.groups.get(groupId);
    for (const id of ids) {
      const participant = group?.participants.get(id) ?? { id };
      group?.participants.set(id, { ...participant, isAdmin: admin });
    }
    const notification = buildGroupNotification({
      chatId: groupId,
      author,
      recipientIds: ids,
      type: admin ? 'promote' : 'demote',
      timestamp: this.seconds(),
    });
    this.emit('group_admin_changed', notification);
    return notification;
  }

  /** People leave (type 'leave'), or an admin `author` removes them (type 'remove'). */
  leaveGroup(
    groupId: string,
    ids: string[],
    options: { author?: string } = {},
  ): WhatsAppGroupNotification {
    const group = this.groups.get(groupId);
    for (const id of ids) {
      if (this.isBot(id)) this.removeFromGroup(groupId);
      else group?.participants.delete(id);
    }
    const removedBySomeoneElse = options.author !== undefined && !ids.includes(options.author);
    const notification = buildGroupNotification({
      chatId: groupId,
      author: options.author ?? ids[0] ?? this.botId,
      recipientIds: ids,
      type: removedBySomeoneElse ? 'remove' : 'leave',
      timestamp: this.seconds(),
    });
    this.emit('group_leave', notification);
    return notification;
  }

  // --- Test drivers: messages ------------------------------------------------------------------

  /** A message in a group, emitted on 'message_create' and 'message'. */
  receiveGroupMessage(params: {
    group: string;
    author: string;
    body: string;
    notifyName?: string;
    mentionedIds?: string[];
    type?: string;
    hasMedia?: boolean;
    id?: string;
    /** A quoted reply to a message of this sender (the bot's id, for a reply to the bot). */
    quotedParticipant?: string;
    /** A quoted reply to this message (one the bot sent: `sent[i].message`). */
    quoting?: FakeMessage;
    /** Seconds since the epoch (a message delivered late). Default: now. */
    timestamp?: number;
  }): FakeMessage {
    const group = this.groups.get(params.group);
    if (group?.botRemoved) {
      throw new Error(`FakeWhatsAppClient: the bot is not in ${params.group}, it receives nothing`);
    }
    if (group && !group.participants.has(params.author)) {
      group.participants.set(params.author, { id: params.author });
    }
    const message = buildMessage({
      from: params.group,
      author: params.author,
      to: params.author.endsWith('@lid') ? this.botLid : this.botId,
      body: params.body,
      timestamp: params.timestamp ?? this.seconds(),
      ...optional('notifyName', params.notifyName),
      ...optional('quotedParticipant', params.quotedParticipant ?? params.quoting?.author),
      ...optional('quotedStanzaId', params.quoting?.id.id),
      ...optional('mentionedIds', params.mentionedIds),
      ...optional('type', params.type),
      ...optional('hasMedia', params.hasMedia),
      ...optional('id', params.id),
    });
    this.deliver(message);
    return message;
  }

  /** A message in the private chat with the bot, emitted on 'message_create' and 'message'. */
  receivePrivateMessage(params: {
    from: string;
    body: string;
    notifyName?: string;
    id?: string;
    type?: string;
  }): FakeMessage {
    const message = buildMessage({
      from: params.from,
      to: params.from.endsWith('@lid') ? this.botLid : this.botId,
      body: params.body,
      timestamp: this.seconds(),
      ...optional('notifyName', params.notifyName),
      ...optional('type', params.type),
      ...optional('id', params.id),
    });
    this.deliver(message);
    return message;
  }

  /** A status update of a contact (`status@broadcast`). */
  receiveStatus(body: string, author = '33611111111@c.us'): FakeMessage {
    const message = buildMessage({
      from: 'status@broadcast',
      author,
      to: this.botId,
      body,
      timestamp: this.seconds(),
      isStatus: true,
      broadcast: true,
    });
    this.deliver(message);
    return message;
  }

  /** The same message object again on 'message' (a redelivery after a reconnection). */
  redeliver(message: FakeMessage): void {
    this.emit('message', message);
  }

  /** Emits 'message_edit' (message with its new body, newBody, prevBody); returns the message. */
  editMessage(message: FakeMessage, newBody: string): FakeMessage {
    const edited = {
      ...message,
      body: newBody,
      _data: { ...message._data, body: newBody, latestEditSenderTimestampMs: this.now() },
      latestEditSenderTimestampMs: this.now(),
    } as FakeMessage;
    this.emit('message_edit', edited, newBody, message.body);
    return edited;
  }

  /** Emits 'message_revoke_everyone' (the revoked message, then the original). */
  revokeMessage(message: FakeMessage): FakeMessage {
    const revoked = {
      ...message,
      body: '',
      type: 'revoked',
      hasMedia: false,
      _data: { ...message._data, body: '', type: 'revoked' },
      protocolMessageKey: { ...message.id },
    } as FakeMessage;
    this.emit('message_revoke_everyone', revoked, message);
    return revoked;
  }

  /** A person's full current selection on a poll the bot sent; [] retracts. */
  vote(params: {
    pollMessageId: string;
    voter: string;
    selectedLocalIds: number[];
    timestamp?: number;
    /** The poll was sent before a restart: the library finds only its key. */
    withoutPoll?: boolean;
  }): FakePollVote {
    const sentPoll = this.sent.find((record) => record.messageId === params.pollMessageId)?.poll;
    const vote = buildPollVote({
      pollMessageId: params.pollMessageId,
      voter: params.voter,
      selectedLocalIds: params.selectedLocalIds,
      timestamp: params.timestamp ?? this.now(),
      pollSender: this.botId,
      ...(sentPoll && !params.withoutPoll ? { poll: sentPoll } : {}),
      ...(params.withoutPoll ? { withoutPoll: true } : {}),
    });
    this.emit('vote_update', vote);
    return vote;
  }

  // --- Inspection ------------------------------------------------------------------------------

  sentTo(chatId: string): SentRecord[] {
    return this.sent.filter((record) => record.chatId === chatId);
  }

  /** The id of the latest poll sent to the chat; throws when there is none. */
  lastPollMessageId(chatId: string): string {
    const polls = this.sentTo(chatId).filter((record) => record.kind === 'poll');
    const last = polls[polls.length - 1];
    if (!last) throw new Error(`FakeWhatsAppClient: no poll was sent to ${chatId}`);
    return last.messageId;
  }

  /** Whether the bot is in the group (configured or joined, and not removed since). */
  isInGroup(groupId: string): boolean {
    const group = this.groups.get(groupId);
    return !!group && !group.botRemoved;
  }

  // --- Internals -------------------------------------------------------------------------------

  private authenticate(): void {
    this.sessionSaved = true;
    this.emit('authenticated');
    this.info = {
      wid: contactId(this.botId),
      me: contactId(this.botId),
      pushname: this.pushname,
      platform: 'android',
    } as unknown as ClientInfo;
    this.state = 'CONNECTED' as WAState;
    if (this.neverReady) return;
    this.ready = true;
    this.emit('ready');
  }

  /** The errors the real client gives when it has no page, or no session yet. */
  private assertUsable(): void {
    if (this.destroyed) throw new Error(SESSION_CLOSED);
    if (!this.started) throw new TypeError("Cannot read properties of null (reading 'evaluate')");
    if (!this.ready) {
      throw new Error(
        "Evaluation failed: TypeError: Cannot read properties of undefined (reading 'getChat')",
      );
    }
  }

  private deliver(message: FakeMessage): void {
    this.received.set(message.id._serialized, message);
    this.emit('message_create', message);
    this.emit('message', message);
  }

  private addGroup(group: FakeGroup): GroupState {
    const state: GroupState = {
      id: group.id,
      name: group.name,
      participants: new Map(group.participants.map((p) => [p.id, { ...p }])),
      botRemoved: false,
    };
    this.groups.set(group.id, state);
    return state;
  }

  private groupChat(group: GroupState) {
    const participants = [...group.participants.values()].filter(
      (p) => !(group.botRemoved && this.isBot(p.id)),
    );
    if (!group.botRemoved && !participants.some((p) => this.isBot(p.id))) {
      participants.push({ id: this.botId });
    }
    return {
      id: contactId(group.id),
      name: group.name,
      isGroup: true,
      isReadOnly: group.botRemoved,
      unreadCount: 0,
      timestamp: Math.floor(this.now() / 1000),
      archived: false,
      pinned: false,
      isMuted: false,
      muteExpiration: 0,
      participants: participants.map((p) => ({
        id: contactId(p.id),
        isAdmin: p.isAdmin ?? p.isSuperAdmin ?? false,
        isSuperAdmin: p.isSuperAdmin ?? false,
      })),
    };
  }

  private toRecord(
    chatId: string,
    content: MessageContent,
    options: MessageSendOptions | undefined,
  ): SentRecord {
    const inGroup = isGroup(chatId);
    const base = {
      from: this.botId,
      to: chatId,
      fromMe: true,
      timestamp: this.seconds(),
      ...(inGroup ? { author: this.botId } : {}),
    };
    if (typeof content === 'string') {
      const text = asReceived(content);
      const message = buildMessage({ ...base, body: text });
      return { chatId, kind: 'text', text, options, messageId: id(message), message };
    }
    if (isPollContent(content)) {
      const poll = {
        question: content.pollName,
        options: content.pollOptions.map((option) => option.name),
        multipleAnswers: content.options.allowMultipleAnswers === true,
      };
      const built = buildMessage({ ...base, body: poll.question, type: 'poll_creation' });
      // At run time pollOptions are `{ name, localId }` objects (the typings say string[]).
      const message = {
        ...built,
        pollName: poll.question,
        pollOptions: content.pollOptions.map((option) => ({ ...option })),
        allowMultipleAnswers: poll.multipleAnswers,
        pollInvalidated: false,
        messageSecret: [],
      } as unknown as FakeMessage;
      return { chatId, kind: 'poll', poll, options, messageId: id(message), message };
    }
    if (isMediaContent(content)) {
      const data = Buffer.from(content.data, 'base64');
      const caption = options?.caption;
      const asImage = content.mimetype.startsWith('image/') && !options?.sendMediaAsDocument;
      const message = buildMessage({
        ...base,
        body: caption ?? '',
        type: asImage ? 'image' : 'document',
        hasMedia: true,
      });
      return {
        chatId,
        kind: 'document',
        ...(caption !== undefined ? { text: caption } : {}),
        document: {
          filename: content.filename ?? '',
          mimetype: content.mimetype,
          size: data.length,
          data,
        },
        options,
        messageId: id(message),
        message,
      };
    }
    throw new Error('FakeWhatsAppClient: only text, Poll and MessageMedia can be sent');
  }

  private isBot(id: string): boolean {
    return id === this.botId || id === this.botLid;
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }
}

export function createFakeWhatsAppClient(options?: FakeWhatsAppOptions): FakeWhatsAppClient {
  return new FakeWhatsAppClient(options);
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function tick(): Promise<void> {
  return Promise.resolve();
}

function isGroup(id: string): boolean {
  return id.endsWith('@g.us');
}

function isPerson(id: string): boolean {
  return id.endsWith('@c.us') || id.endsWith('@lid');
}

function contactId(serialized: string): ContactId {
  const [user = '', server = ''] = serialized.split('@');
  return { server, user, _serialized: serialized };
}

function id(message: FakeMessage): string {
  return message.id._serialized;
}

/** WhatsApp Web's own ids are 3EB0 + 18 hex digits; Android phones send 32 hex digits. */
function randomId(fromMe: boolean): string {
  return fromMe
    ? `3EB0${randomBytes(9).toString('hex').toUpperCase()}`
    : randomBytes(16).toString('hex').toUpperCase();
}

function fakeQr(): string {
  const part = (bytes: number) => randomBytes(bytes).toString('base64');
  return `2@${part(48)},${part(32)},${part(32)},${part(32)}`;
}

function mimetypeOf(type: string): string {
  switch (type) {
    case 'image':
      return 'image/jpeg';
    case 'video':
      return 'video/mp4';
    case 'audio':
    case 'ptt':
      return 'audio/ogg; codecs=opus';
    case 'sticker':
      return 'image/webp';
    default:
      return 'application/pdf';
  }
}

/** `true_<chat>_<id>` or `false_<group>_<id>_<participant>` back into its parts. */
function parsePollMessageId(serialized: string): {
  fromMe: boolean;
  remote: string;
  id: string;
  participant?: string;
} {
  const [fromMe = 'true', remote = '', rawId = '', ...rest] = serialized.split('_');
  const participant = rest.join('_');
  return {
    fromMe: fromMe === 'true',
    remote,
    id: rawId,
    ...(participant ? { participant } : {}),
  };
}

function isPollContent(
  content: MessageContent,
): content is Extract<MessageContent, { pollName: string }> {
  return typeof content === 'object' && 'pollName' in content && 'pollOptions' in content;
}

function isMediaContent(
  content: MessageContent,
): content is Extract<MessageContent, { mimetype: string }> {
  return typeof content === 'object' && 'mimetype' in content && 'data' in content;
}

/** `{ key: value }` when value is defined, else `{}` (keeps optional fields absent). */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
