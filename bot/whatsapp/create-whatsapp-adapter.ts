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
// A watchdog keeps the session alive: a disconnection, a bad state change, a crashed page,
// a failed start (offline, initialize() rejects with net::ERR_NAME_NOT_RESOLVED) or a
// browser past its memory ceiling leads to a fresh client after a backoff, logged each
// time. stop() stores the events in hand, then closes the browser; what is left to send
// waits in the outbox for the next start.
import type { Db } from '../../db/client.ts';
import { findChat } from '../../db/queries/chats.ts';
import { detectDistress } from '../../handlers/understanding/distress.ts';
import { TransientError } from '../../handlers/errors.ts';
import type { InboundEvent } from '../../handlers/events.ts';
import type { I18n } from '../../handlers/i18n.ts';
import type { Inbox } from '../../handlers/inbox/inbox.ts';
import type { Logger, Messenger } from '../../handlers/ports.ts';
import {
  isGroupId,
  isPersonId,
  toInboundEvent,
  toVoteEvent,
  whyIgnored,
  type MessageShape,
  type VoteShape,
} from './to-inbound-event.ts';
import type { ClientSurface, WhatsAppGroupNotification } from './whatsapp-client.ts';
import { createWhatsAppMessenger } from './whatsapp-messenger.ts';

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
}

export interface WhatsAppAdapterOptions {
  createClient(): ClientSurface;
  inbox: Inbox;
  db: Db;
  i18n: I18n;
  logger: Logger;
  watchdog: WatchdogOptions;
  /** The browser's memory in MB, if it can be measured (real client only). */
  measureMemoryMb?(client: ClientSurface): Promise<number | undefined>;
  /** Called with a crash handler once a client is ready (real client: the page's 'error'). */
  watchPage?(client: ClientSurface, onCrash: (error: unknown) => void): void;
  /** Shows the login QR code or pairing code to the operator. */
  showLogin?(login: { qr?: string; pairingCode?: string }): void;
}

export interface WhatsAppAdapter {
  /** The messenger on the current client, without limits of its own (bot/outbox/ adds them). */
  messenger: Messenger;
  /** Starts connecting in the background (a first login waits for a QR scan). */
  start(): void;
  stop(): Promise<void>;
  isConnected(): boolean;
  /** Resolves once the session is ready (tests; the bot does not wait for it). */
  ready(): Promise<void>;
  /** Resolves when every event received so far is stored in the inbox. */
  settle(): Promise<void>;
}

export function createWhatsAppAdapter(options: WhatsAppAdapterOptions): WhatsAppAdapter {
  const { logger, inbox } = options;
  let client: ClientSurface | undefined;
  let generation = 0;
  let connected = false;
  let stopping = false;
  let failures = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let memoryTimer: NodeJS.Timeout | undefined;
  let botIds: string[] = [];
  let readyWaiters: (() => void)[] = [];
  const chains = new Map<string, Promise<void>>();
  const aliasCache = new Map<string, string[]>();

  const currentClient = () => {
    if (!client || !connected) throw new TransientError('WhatsApp is not connected');
    return client;
  };

  async function aliasesOf(id: string): Promise<string[]> {
    if (!isPersonId(id)) return [];
    const cached = aliasCache.get(id);
    if (cached) return cached;
    const [pair] = await currentClient()
      .getContactLidAndPhone([id])
      .catch(() => []);
    const aliases = [pair?.lid, pair?.pn].filter((x): x is string => !!x && x !== id);
    if (aliasCache.size > 50_000) aliasCache.clear();
    aliasCache.set(id, aliases);
    for (const alias of aliases) aliasCache.set(alias, [id, ...aliases.filter((a) => a !== alias)]);
    return aliases;
  }

  const messenger = createWhatsAppMessenger({
    client: currentClient,
    db: options.db,
    i18n: options.i18n,
    aliasesOf,
    botNumber: () => (connected ? client?.info.wid.user : undefined),
  });

  /**
   * Events are made (their aliases looked up) and stored one at a time per chat, so that
   * the inbox gets them in order; a store that fails is tried again until the bot stops.
   */
  function dispatch(chatKey: string, produce: () => Promise<InboundEvent | undefined>): void {
    const previous = chains.get(chatKey) ?? Promise.resolve();
    const next = previous.then(async () => {
      let event: InboundEvent | undefined;
      try {
        event = await produce();
        for (let attempt = 1; event; attempt++) {
          try {
            await inbox.receive('whatsapp', [event]);
            break;
          } catch (error) {
            if (stopping) throw error;
            logger.warn({ err: error, eventId: event.id, attempt }, 'whatsapp: event not stored');
            await new Promise((resolve) =>
              setTimeout(resolve, Math.min(500 * 2 ** attempt, 30_000)),
            );
          }
        }
      } catch (error) {
        // The adapter's one catch point: an event that could not even be stored is lost.
        logger.error(
          { err: error, platform: 'whatsapp', chat: chatKey, eventId: event?.id },
          'whatsapp: event lost',
        );
      }
    });
    chains.set(chatKey, next);
    void next.then(() => {
      if (chains.get(chatKey) === next) chains.delete(chatKey);
    });
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
      return listenedTo(toInboundEvent(message, { botIds, senderAliases }));
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
    dispatch(`vote:${vote.voter}`, async () => toVoteEvent(vote, await aliasesOf(vote.voter)));
  }

  function onGroupChange(notification: WhatsAppGroupNotification, joined: boolean): void {
    // Asked again next time: a removed neighbour must not stay a participant for a minute.
    messenger.forgetParticipants(notification.chatId);
    const chat = { platform: 'whatsapp' as const, id: notification.chatId, kind: 'group' as const };
    const id = `wa:group:${notification.chatId}:${notification.timestamp}:${joined ? 'join' : 'leave'}`;
    for (const recipient of notification.recipientIds) {
      const isBot = botIds.includes(recipient);
      dispatch(notification.chatId, async () => {
        if (isBot) {
          const by = notification.author
            ? {
                platform: 'whatsapp' as const,
                id: notification.author,
                displayName: '',
                aliases: await aliasesOf(notification.author),
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

  async function connect(): Promise<void> {
    await closeClient();
    if (stopping) return;
    const mine = ++generation;
    const next = options.createClient();
    client = next;
    const current = () => mine === generation && !stopping;
    next.on('qr', (qr: string) => {
      logger.info({}, 'whatsapp: scan the QR code with the phone (WhatsApp → Linked devices)');
      options.showLogin?.({ qr });
    });
    next.on('code', (code: string) => {
      logger.info({}, 'whatsapp: enter the pairing code on the phone');
      options.showLogin?.({ pairingCode: code });
    });
    next.on('authenticated', () => logger.info({}, 'whatsapp: authenticated'));
    next.on('auth_failure', (message: string) =>
      logger.error({ message }, 'whatsapp: authentication failed'),
    );
    next.on('ready', () => {
      if (!current()) return;
      connected = true;
      failures = 0;
      const wid = next.info.wid._serialized;
      botIds = [wid];
      void aliasesOf(wid).then((aliases) => (botIds = [wid, ...aliases]));
      logger.info({}, 'whatsapp: ready');
      options.watchPage?.(next, (error) => current() && scheduleReconnect('page crashed', error));
      for (const resolve of readyWaiters) resolve();
      readyWaiters = [];
    });
    next.on('message', (message: MessageShape) => current() && onMessage(message));
    next.on('vote_update', (vote: VoteShape) => current() && onVote(vote));
    next.on('group_join', (n: WhatsAppGroupNotification) => current() && onGroupChange(n, true));
    next.on('group_leave', (n: WhatsAppGroupNotification) => current() && onGroupChange(n, false));
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
    } catch (error) {
      if (current()) scheduleReconnect('initialize failed', error);
    }
  }

  function watchMemory(): void {
    const { memoryLimitMb, memoryCheckMs } = options.watchdog;
    if (!memoryLimitMb || !options.measureMemoryMb) return;
    memoryTimer = setInterval(() => {
      const measured = client;
      if (!measured || !connected) return;
      void options.measureMemoryMb?.(measured).then((mb) => {
        if (mb !== undefined && mb > memoryLimitMb && measured === client) {
          logger.warn(
            { mb, limit: memoryLimitMb },
            'whatsapp: browser over its memory ceiling, restarting',
          );
          connected = false;
          void connect();
        }
      });
    }, memoryCheckMs);
    memoryTimer.unref();
  }

  return {
    messenger,
    start() {
      stopping = false;
      void connect();
      watchMemory();
    },
    async stop() {
      stopping = true;
      connected = false;
      clearTimeout(reconnectTimer);
      clearInterval(memoryTimer);
      await Promise.allSettled([...chains.values()]);
      await closeClient();
    },
    isConnected: () => connected,
    async settle() {
      while (chains.size > 0) await Promise.allSettled([...chains.values()]);
    },
    ready: () =>
      connected ? Promise.resolve() : new Promise<void>((resolve) => readyWaiters.push(resolve)),
  };
}
