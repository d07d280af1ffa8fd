// The WhatsApp adapter: a whatsapp-web.js session (a real WhatsApp Web page in Chromium)
// whose messages and votes become neutral events for the router. One session per phone
// number, one process per session.
//
// Each event is stored in the durable inbox as soon as it is made (handling follows, in
// order per chat). whatsapp-web.js does not deliver again what it emitted, so an event is
// lost only if the process dies in the few milliseconds between the library's emission and
// the store, or if the database stays unreachable until the process stops (stores are
// retried meanwhile; a lost event is logged).
//
// A watchdog keeps the session alive and says when it is not: a disconnection, a bad state
// change, a crashed page, a failed start (offline, initialize() rejects with
// net::ERR_NAME_NOT_RESOLVED), 'ready' that never comes, a periodic check that fails (the
// state, read by evaluating the page), sends that keep failing (a "detached Frame" after
// hours idle, or every send rejected as in January 2026), or a browser past its memory
// ceiling leads to a fresh client after a backoff, logged each time; isConnected() (and so
// /healthz) is false meanwhile. stop() stores the events in hand, then closes the browser;
// what is left to send waits in the outbox for the next start.
//
// One person per human: a neighbour's other id (@lid for a number, the number for an @lid)
// is looked up once and kept; a lookup that fails or finds nothing (normal for an @lid whose
// number is hidden) is asked again later, never taken as final. The bot's own ids (its
// number and its @lid) are known before its first message is handled.
import type { Db } from '../../db/client.ts';
import { findChat } from '../../db/queries/chats.ts';
import { mergePeopleByIdentities } from '../../db/queries/merge-people.ts';
import { detectDistress } from '../../handlers/understanding/distress.ts';
import { TransientError } from '../../handlers/errors.ts';
import type { InboundEvent } from '../../handlers/events.ts';
import type { I18n } from '../../handlers/i18n.ts';
import type { Inbox } from '../../handlers/inbox/inbox.ts';
import type { Logger, Messenger } from '../../handlers/ports.ts';
import {
  isGroupId,
  isPersonId,
  serialized,
  toInboundEvent,
  toVoteEvent,
  whyIgnored,
  type MessageShape,
  type VoteShape,
} from './to-inbound-event.ts';
import {
  readOwnIds,
  VOTE_PATCH_ERROR,
  type ClientSurface,
  type WhatsAppGroupNotification,
} from './whatsapp-client.ts';
import {
  classifyWhatsAppError,
  createWhatsAppMessenger,
  type WhatsAppMessenger,
} from './whatsapp-messenger.ts';

/** States after which the page will not recover by itself. */
const BROKEN_STATES = new Set([
  'CONFLICT',
  'UNPAIRED',
  'UNLAUNCHED',
  'PROXYBLOCK',
  'TOS_BLOCK',
  'SMB_TOS_BLOCK',
  'DEPRECATED_VERSION',
  'UNPAIRED_IDLE',
]);

export interface WatchdogOptions {
  /** First delay before reconnecting; doubles up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Restart the client when the browser's memory passes this (MB); 0 disables. */
  memoryLimitMb: number;
  memoryCheckMs: number;
  /** Restart when 'ready' has not come this long after a start (not while a login waits). */
  readyTimeoutMs?: number;
  /** How often the session is checked (its state, read from the page); 0 disables. */
  healthCheckMs?: number;
  /** Restart after this many sends failed in a row. */
  maxSendFailures?: number;
}

export interface WhatsAppAdapterOptions {
  createClient(): ClientSurface;
  inbox: Inbox;
  db: Db;
  i18n: I18n;
  logger: Logger;
  watchdog: WatchdogOptions;
  /** Group messages older than this (ms) are late: not answered in the group. */
  maxMessageAgeMs?: number;
  /** A lookup of a person's other id that found nothing is asked again after this (ms). */
  aliasRetryMs?: number;
  /** A lookup that failed is asked again after this (ms), in the background too. */
  failedLookupRetryMs?: number;
  /** The browser's memory in MB, if it can be measured (real client only). */
  measureMemoryMb?(client: ClientSurface): Promise<number | undefined>;
  /** Called with a crash handler once a client is ready (real client: the page's 'error'). */
  watchPage?(client: ClientSurface, onCrash: (error: unknown) => void): void;
  /** The bot's own ids (its number's and its @lid); default: read from the page. */
  ownIds?(client: ClientSurface): Promise<string[]>;
  /** Before each browser launch (real client: removes a dead Chromium's profile locks). */
  beforeLaunch?(): Promise<void>;
  /** Shows the login QR code or pairing code to the operator. */
  showLogin?(login: { qr?: string; pairingCode?: string }): void;
  /** Milliseconds since the epoch (tests). */
  now?(): number;
}

export interface WhatsAppAdapter {
  /** The messenger on the current client, without limits of its own (bot/outbox/ adds them). */
  messenger: Messenger;
  /** Starts connecting in the background (a first login waits for a QR scan). */
  start(): void;
  stop(): Promise<void>;
  /** Whether WhatsApp can send now: ready, its last check passed, its sends not all failing. */
  isConnected(): boolean;
  /** Resolves once the session is ready (tests; the bot does not wait for it). */
  ready(): Promise<void>;
  /** Resolves when every event received so far is stored in the inbox. */
  settle(): Promise<void>;
}

/** How long the bot's own ids are looked for before the first message is handled anyway. */
const OWN_IDS_PATIENCE_MS = 15_000;
/** A check of the session that takes longer than this has failed. */
const HEALTH_CHECK_TIMEOUT_MS = 15_000;
/** Checks in a row in a state other than CONNECTED before the session is restarted. */
const UNHEALTHY_CHECKS = 3;
/** Events stored in one statement, at most. */
const STORE_BATCH = 500;
/** Errors of a page that will not recover: the session is restarted at once. */
const DEAD_PAGE =
  /detached Frame|Session closed|Target closed|Execution context was destroyed|Protocol error/i;

export function createWhatsAppAdapter(options: WhatsAppAdapterOptions): WhatsAppAdapter {
  const { logger, inbox } = options;
  const now = () => (options.now ? options.now() : Date.now());
  const readyTimeoutMs = options.watchdog.readyTimeoutMs ?? 180_000;
  const healthCheckMs = options.watchdog.healthCheckMs ?? 60_000;
  const maxSendFailures = options.watchdog.maxSendFailures ?? 5;
  const aliasRetryMs = options.aliasRetryMs ?? 600_000;
  const failedLookupRetryMs = options.failedLookupRetryMs ?? 30_000;
  let client: ClientSurface | undefined;
  let generation = 0;
  let connected = false;
  /** The last periodic check found the session able to send. */
  let healthy = true;
  let unhealthyChecks = 0;
  let sendFailures = 0;
  const failingChats = new Set<string>();
  let stopping = false;
  let failures = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let readyTimer: NodeJS.Timeout | undefined;
  let memoryTimer: NodeJS.Timeout | undefined;
  let healthTimer: NodeJS.Timeout | undefined;
  let botIds: string[] = [];
  /** Resolves when the bot's own ids are known (or looked for long enough). */
  let ownIdsKnown: Promise<void> = Promise.resolve();
  let readyWaiters: (() => void)[] = [];
  const chains = new Map<string, Promise<void>>();
  const aliasCache = new Map<string, { aliases: string[]; until: number }>();

  const currentClient = () => {
    if (!client || !connected) throw new TransientError('WhatsApp is not connected');
    return client;
  };

  async function aliasesOf(id: string): Promise<string[]> {
    if (!isPersonId(id)) return [];
    const cached = aliasCache.get(id);
    if (cached && cached.until > now()) return cached.aliases;
    let aliases: string[];
    let until: number;
    try {
      const [pair] = await currentClient().getContactLidAndPhone([id]);
      aliases = [pair?.lid, pair?.pn].filter(
        (x): x is string => typeof x === 'string' && isPersonId(x) && x !== id,
      );
      // A link found is for good; none (an @lid whose number is hidden) is asked again later.
      until = aliases.length > 0 ? Infinity : now() + aliasRetryMs;
    } catch (error) {
      logger.debug({ err: error }, "whatsapp: lookup of a person's other id failed");
      aliases = cached?.aliases ?? [];
      until = now() + failedLookupRetryMs;
      retryLater(id);
    }
    if (aliasCache.size > 50_000) aliasCache.clear();
    aliasCache.set(id, { aliases, until });
    for (const alias of aliases) {
      aliasCache.set(alias, { aliases: [id, ...aliases.filter((a) => a !== alias)], until });
    }
    if (aliases.length > 0 && !cached?.aliases.length) {
      // A link learnt now: two rows recorded before it (one per id) become one person at
      // once, whatever this message turns out to be (chatter included).
      mergePeopleByIdentities(options.db, 'whatsapp', [id, ...aliases]).catch((err: unknown) =>
        logger.warn({ err }, 'whatsapp: merging the two ids of a person failed'),
      );
    }
    return aliases;
  }

  /** Ids whose lookup failed, asked again in the background (the person may not write again). */
  const retrying = new Set<string>();
  function retryLater(id: string): void {
    if (retrying.has(id) || retrying.size >= 10_000) return;
    retrying.add(id);
    const timer = setTimeout(() => {
      retrying.delete(id);
      if (!stopping && connected) void aliasesOf(id);
    }, failedLookupRetryMs + 10);
    timer.unref();
  }

  const raw = createWhatsAppMessenger({
    client: currentClient,
    db: options.db,
    i18n: options.i18n,
    aliasesOf,
    botNumber: () => (connected ? client?.info.wid.user : undefined),
    ownIds: () => botIds,
  });

  /**
   * Counts sends that fail for the session's sake: not a refused recipient, and not one chat
   * failing again and again (a group that removed the bot), but failures in a row across
   * chats.
   */
  async function watched<T>(chatId: string, send: () => Promise<T>): Promise<T> {
    const sentBy = client;
    try {
      const result = await send();
      sendFailures = 0;
      failingChats.clear();
      return result;
    } catch (error) {
      if (!(error instanceof TransientError) && !classifyWhatsAppError(error).permanent) {
        sendFailures++;
        failingChats.add(chatId);
        const dead = DEAD_PAGE.test(error instanceof Error ? error.message : String(error));
        const across = sendFailures >= maxSendFailures && failingChats.size > 1;
        if (sentBy === client && (dead || across)) {
          scheduleReconnect(
            dead ? 'page unusable' : `${sendFailures} sends failed in a row`,
            error,
          );
        }
      }
      throw error;
    }
  }

  const messenger: WhatsAppMessenger = {
    ...raw,
    send: (chatId, message) => watched(chatId, () => raw.send(chatId, message)),
    edit: (chatId, messageId, message) =>
      watched(chatId, () => raw.edit(chatId, messageId, message)),
  };

  /**
   * Events are made (their aliases looked up) one at a time per chat, in order, then stored
   * in batches: whatever was made while the previous batch was being stored goes in the next
   * one, in the order made, so the inbox gets each chat's events in order. (Stored one at a
   * time per chat, a burst after a reconnection waited on one round trip per message.) A
   * batch that fails is tried again, whole, until the bot stops: one statement stores it, so
   * it is stored entirely or not at all.
   */
  function dispatch(chatKey: string, produce: () => Promise<InboundEvent | undefined>): void {
    const previous = chains.get(chatKey) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        await ownIdsKnown;
        const event = await produce();
        if (event) enqueue(event);
      } catch (error) {
        // A lookup or a read failed beyond what the adapter catches: the event is lost.
        logger.error({ err: error, platform: 'whatsapp', chat: chatKey }, 'whatsapp: event lost');
      }
    });
    chains.set(chatKey, next);
    void next.then(() => {
      if (chains.get(chatKey) === next) chains.delete(chatKey);
    });
  }

  const pending: InboundEvent[] = [];
  let storing: Promise<void> | undefined;

  function enqueue(event: InboundEvent): void {
    pending.push(event);
    storing ??= storePending().finally(() => (storing = undefined));
  }

  async function storePending(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.splice(0, STORE_BATCH);
      for (let attempt = 1; ; attempt++) {
        try {
          await inbox.receive('whatsapp', batch);
          break;
        } catch (error) {
          if (stopping) {
            // The adapter's one catch point: events that could not be stored are lost.
            for (const event of batch) {
              logger.error(
                { err: error, platform: 'whatsapp', eventId: event.id },
                'whatsapp: event lost',
              );
            }
            break;
          }
          logger.warn({ err: error, events: batch.length, attempt }, 'whatsapp: events not stored');
          await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** attempt, 30_000)));
        }
      }
    }
  }

  function onMessage(message: MessageShape): void {
    const ignored = whyIgnored(message);
    if (ignored) {
      logger.debug({ reason: ignored }, 'whatsapp message ignored');
      return;
    }
    dispatch(message.from, async () => {
      const sender = isGroupId(message.from) ? message.author : message.from;
      const senderAliases = sender ? await aliasesOf(sender) : [];
      const event = toInboundEvent(message, {
        botIds,
        senderAliases,
        now: now(),
        ...(options.maxMessageAgeMs ? { maxAgeMs: options.maxMessageAgeMs } : {}),
      });
      return listenedTo(event);
    });
  }

  /**
   * A group message not addressed to the bot is read for distress where the group's admins
   * turned listening on (/parametres ecoute oui): in memory, and only a message of distress
   * goes on (without its words, see the inbox). Everything else is dropped unread as before.
   */
  async function listenedTo(event: InboundEvent | undefined) {
    if (event?.type !== 'message' || event.addressed || event.chat.kind !== 'group') return event;
    if (!detectDistress(event.text)) return event;
    const chat = await findChat(options.db, 'whatsapp', event.chat.id);
    return chat?.distressListening ? { ...event, addressed: true } : event;
  }

  function onVote(vote: VoteShape): void {
    const failure = (vote as { [VOTE_PATCH_ERROR]?: unknown })[VOTE_PATCH_ERROR];
    if (failure) {
      // The library could not read the vote against its poll (an option it did not know):
      // the selection is still counted by option number.
      logger.warn({ err: failure }, 'whatsapp: vote read without its option names');
    }
    const voter = serialized(vote.voter);
    if (!voter) {
      logger.warn({}, 'whatsapp: vote without a voter ignored');
      return;
    }
    dispatch(`vote:${voter}`, async () => {
      const event = toVoteEvent(vote, await aliasesOf(voter));
      if (!event) logger.warn({ voter: '[id]' }, 'whatsapp: vote without its poll ignored');
      return event;
    });
  }
  function onGroupChange(notification: WhatsAppGroupNotification, joined: boolean): void {
    // Asked again next time: a removed neighbour must not stay a participant for a minute.
    messenger.forgetParticipants(notification.chatId);
    const chat = { platform: 'whatsapp' as const, id: notification.chatId, kind: 'group' as const };
    const id = `wa:group:${notification.chatId}:${notification.timestamp}:${joined ? 'join' : 'leave'}`;
    const author = serialized(notification.author);
    for (const recipientId of notification.recipientIds) {
      const recipient = serialized(recipientId) ?? '';
      dispatch(notification.chatId, async () => {
        // Known by now (dispatch waits for them): the bot added by an @lid admin is named by
        // its own @lid.
        if (botIds.includes(recipient)) {
          const by = author
            ? {
                platform: 'whatsapp' as const,
                id: author,
                displayName: '',
                aliases: await aliasesOf(author),
              }
            : undefined;
          return {
            type: joined ? 'bot_added' : 'bot_removed',
            id,
            chat,
            ...(by ? { person: by } : {}),
          };
        }
        return {
          type: joined ? 'member_joined' : 'member_left',
          id: `${id}:${recipient}`,
          chat,
          person: {
            platform: 'whatsapp',
            id: recipient,
            displayName: '',
            aliases: await aliasesOf(recipient),
          },
        };
      });
    }
  }

  function scheduleReconnect(reason: string, error?: unknown): void {
    if (stopping) return;
    connected = false;
    clearTimeout(readyTimer);
    if (reconnectTimer) return;
    const { initialDelayMs, maxDelayMs } = options.watchdog;
    const delay = Math.min(initialDelayMs * 2 ** failures, maxDelayMs);
    failures++;
    logger.warn(
      { reason, err: error, retryInSeconds: Math.round(delay / 1000), attempt: failures },
      'whatsapp: reconnecting',
    );
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, delay);
  }

  /** Closes the current client and its browser; its late events are no longer heard. */
  async function closeClient(): Promise<void> {
    const closing = client;
    client = undefined;
    if (!closing) return;
    closing.removeAllListeners();
    await closing
      .destroy()
      .catch((err: unknown) => logger.warn({ err }, 'whatsapp: closing the client failed'));
  }

  /** 'ready' must come this long after a start, unless a person is logging in meanwhile. */
  function awaitReady(mine: number): void {
    clearTimeout(readyTimer);
    if (!readyTimeoutMs) return;
    readyTimer = setTimeout(() => {
      if (mine === generation && !connected && !stopping) {
        scheduleReconnect(`not ready after ${Math.round(readyTimeoutMs / 1000)} s`);
      }
    }, readyTimeoutMs);
    readyTimer.unref();
  }

  /**
   * The bot's own ids, before its first message is handled: a mention or a quoted reply by
   * @lid names the bot by its @lid. Tried a few times; then handled with what is known (the
   * number's id), and looked for again at the next start.
   */
  async function learnOwnIds(from: ClientSurface, mine: number): Promise<void> {
    const wid = from.info.wid._serialized;
    botIds = [wid];
    const read = (c: ClientSurface) => (options.ownIds ? options.ownIds(c) : readOwnIds(c));
    const deadline = now() + OWN_IDS_PATIENCE_MS;
    for (let attempt = 0; mine === generation && !stopping; attempt++) {
      try {
        const ids = (await read(from)).filter(isPersonId);
        botIds = [...new Set([wid, ...ids])];
        if (botIds.some((id) => id.endsWith('@lid'))) return;
      } catch (error) {
        logger.debug({ err: error, attempt }, 'whatsapp: own ids not read yet');
      }
      if (now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 4_000)));
    }
    if (mine === generation && !stopping) {
      logger.error(
        {},
        "whatsapp: the bot's own @lid is unknown: a mention of the bot by @lid will not be seen",
      );
    }
  }

  async function connect(): Promise<void> {
    await closeClient();
    if (stopping) return;
    const mine = ++generation;
    healthy = true;
    unhealthyChecks = 0;
    sendFailures = 0;
    failingChats.clear();
    try {
      await options.beforeLaunch?.();
    } catch (error) {
      logger.warn({ err: error }, 'whatsapp: preparing the browser failed');
    }
    if (stopping || mine !== generation) return;
    let next: ClientSurface;
    try {
      next = options.createClient();
    } catch (error) {
      scheduleReconnect('client not created', error);
      return;
    }
    client = next;
    const current = () => mine === generation && !stopping;
    let readied = false;
    /** A QR code or pairing code is shown: a person has to act, no timeout meanwhile. */
    let loggingIn = false;
    next.on('qr', (qr: string) => {
      loggingIn = true;
      clearTimeout(readyTimer);
      logger.info({}, 'whatsapp: scan the QR code with the phone (WhatsApp → Linked devices)');
      options.showLogin?.({ qr });
    });
    next.on('code', (code: string) => {
      loggingIn = true;
      clearTimeout(readyTimer);
      logger.info({}, 'whatsapp: enter the pairing code on the phone');
      options.showLogin?.({ pairingCode: code });
    });
    next.on('authenticated', () => {
      logger.info({}, 'whatsapp: authenticated');
      loggingIn = false;
      if (current() && !connected) awaitReady(mine);
    });
    next.on('auth_failure', (message: string) =>
      logger.error({ message }, 'whatsapp: authentication failed'),
    );
    next.on('ready', () => {
      if (!current()) return;
      clearTimeout(readyTimer);
      connected = true;
      failures = 0;
      if (readied) {
        // WhatsApp Web emits 'ready' again after each re-sync: nothing more to attach.
        logger.info({}, 'whatsapp: ready again');
        return;
      }
      readied = true;
      ownIdsKnown = learnOwnIds(next, mine);
      logger.info({}, 'whatsapp: ready');
      options.watchPage?.(next, (error) => current() && scheduleReconnect('page crashed', error));
      for (const resolve of readyWaiters) resolve();
      readyWaiters = [];
    });
    next.on('message', (message: MessageShape) => current() && onMessage(message));
    next.on('vote_update', (vote: VoteShape) => current() && onVote(vote));
    next.on('group_join', (n: WhatsAppGroupNotification) => current() && onGroupChange(n, true));
    next.on('group_leave', (n: WhatsAppGroupNotification) => current() && onGroupChange(n, false));
    // Someone became (or stopped being) an admin, maybe the bot: asked again next time.
    next.on(
      'group_admin_changed',
      (n: WhatsAppGroupNotification) => current() && messenger.forgetParticipants(n.chatId),
    );
    next.on('message_edit', () => logger.debug({}, 'whatsapp: edited message ignored'));
    next.on('message_revoke_everyone', () => logger.debug({}, 'whatsapp: deleted message ignored'));
    next.on(
      'disconnected',
      (reason: string) => current() && scheduleReconnect(`disconnected: ${reason}`),
    );
    next.on('change_state', (state: string) => {
      if (current() && BROKEN_STATES.has(state)) scheduleReconnect(`state ${state}`);
    });
    try {
      await next.initialize();
      if (current() && !connected && !loggingIn) awaitReady(mine);
    } catch (error) {
      if (current()) scheduleReconnect('initialize failed', error);
    }
  }

  /** The periodic check: the state, read from the page (a dead page does not answer). */
  async function checkHealth(): Promise<void> {
    const checked = client;
    if (!checked || !connected) return;
    let state: string | undefined;
    let failure: unknown;
    try {
      state = String(await withTimeout(checked.getState(), HEALTH_CHECK_TIMEOUT_MS));
    } catch (error) {
      failure = error;
    }
    if (checked !== client || !connected) return;
    if (failure !== undefined) {
      healthy = false;
      scheduleReconnect('health check failed', failure);
      return;
    }
    healthy = state === 'CONNECTED';
    unhealthyChecks = healthy ? 0 : unhealthyChecks + 1;
    if (!healthy) logger.warn({ state }, 'whatsapp: session not connected');
    if (unhealthyChecks >= UNHEALTHY_CHECKS) scheduleReconnect(`state ${state} for too long`);
  }

  function watchSession(): void {
    if (healthCheckMs > 0) {
      healthTimer = setInterval(() => void checkHealth(), healthCheckMs);
      healthTimer.unref();
    }
    const { memoryLimitMb, memoryCheckMs } = options.watchdog;
    if (!memoryLimitMb || !options.measureMemoryMb) return;
    memoryTimer = setInterval(() => {
      const measured = client;
      if (!measured || !connected) return;
      void options
        .measureMemoryMb?.(measured)
        .then((mb) => {
          if (mb !== undefined && mb > memoryLimitMb && measured === client) {
            logger.warn(
              { mb, limit: memoryLimitMb },
              'whatsapp: browser over its memory ceiling, restarting',
            );
            connected = false;
            void connect();
          }
        })
        .catch((err: unknown) => logger.debug({ err }, 'whatsapp: memory not measured'));
    }, memoryCheckMs);
    memoryTimer.unref();
  }

  return {
    messenger,
    start() {
      stopping = false;
      void connect();
      watchSession();
    },
    async stop() {
      stopping = true;
      connected = false;
      clearTimeout(reconnectTimer);
      clearTimeout(readyTimer);
      clearInterval(memoryTimer);
      clearInterval(healthTimer);
      await Promise.allSettled([...chains.values()]);
      await storing;
      await closeClient();
    },
    isConnected: () =>
      connected && healthy && !(sendFailures >= maxSendFailures && failingChats.size > 1),
    async settle() {
      while (chains.size > 0 || storing) {
        await Promise.allSettled([...chains.values()]);
        await storing;
      }
    },
    ready: () =>
      connected ? Promise.resolve() : new Promise<void>((resolve) => readyWaiters.push(resolve)),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
