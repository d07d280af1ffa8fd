// The terminal chat: a simulated building group ("Résidence des Lilas") and its
// neighbours, so anyone can try the bot with no account anywhere. The person types as one
// neighbour, switches who is speaking, and opens a private chat with the bot, as on a phone.
// Lines starting with ":" drive the simulator; everything else goes to the bot.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { nextNumber, type InboundEvent, type OutboundMessage } from '../../handlers/events.ts';
import type { I18n, Locale, T } from '../../handlers/i18n.ts';
import type { Capabilities, Logger, Messenger } from '../../handlers/ports.ts';
import type { Inbox } from '../../handlers/inbox/inbox.ts';
import { ansiStyle, plainStyle, renderMarkup } from '../render-markup.ts';
import { consoleGroup, findNeighbour, neighbours, type Neighbour } from './neighbours.ts';
import { toInboundEvent } from './to-inbound-event.ts';

export const consoleCapabilities: Capabilities = {
  inlineButtons: false,
  editMessages: false,
  nativePolls: false,
  pollVoterIdentity: true,
  maxPollOptions: 12,
  maxMessageLength: 4096,
  canMessageFirst: false,
  documents: true,
  maxChoiceNoticeLength: 0,
};

export interface ConsoleAdapterOptions {
  input: Readable;
  output: Writable;
  i18n: I18n;
  logger: Logger;
  /** Where documents the bot sends are written. */
  documentsDir: string;
  color: boolean;
  inbox: Inbox;
  /** The chat's language, for what the bot says around its messages (hints, files). */
  localeOf?(chatId: string): Promise<Locale>;
  /**
   * The highest message number the database still refers to (menus, polls, cards): a
   * restarted terminal numbers its messages after it, so that quoting a new message never
   * reaches a menu of the previous run.
   */
  lastMessageNumber?(): Promise<number>;
}

export interface ConsoleAdapter {
  /** Prints to the terminal (create-app adds the numbered prompts). */
  messenger: Messenger;
  /** Runs the chat until `:quit`, `/quit` or Ctrl-D. */
  run(): Promise<void>;
  /**
   * A neighbour says something, in the group or privately; resolves once the bot answered.
   * Returns the event it became.
   */
  say(
    speakerId: string,
    where: 'group' | 'private',
    text: string,
    /** The bot's message this one quotes (its number, shown on menus). */
    replyTo?: string,
  ): Promise<InboundEvent | undefined>;
  /** The bot joins the simulated group (once: the event id is fixed). */
  join(): Promise<void>;
}

export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const t = options.i18n.t('fr');
  const style = options.color ? ansiStyle : plainStyle;
  const print = (text: string) => options.output.write(`${text}\n`);
  let sequence = 0;
  // Read once, on the first send (the database is ready by then).
  let numbering: Promise<void> | undefined;
  async function nextMessageId(): Promise<string> {
    numbering ??= (async () => {
      sequence = Math.max(sequence, (await options.lastMessageNumber?.()) ?? 0);
    })().catch((error: unknown) => {
      numbering = undefined; // read again on the next send (the database may be back)
      throw error;
    });
    await numbering;
    return String(++sequence);
  }

  /** `reference`: the message's number, shown on menus so that a reply can quote them. */
  function header(chatId: string, reference?: string): string {
    const tag = reference ? ` · ${reference}` : '';
    if (chatId === consoleGroup.id) return style.bold(`🏠 ${consoleGroup.title} · bot${tag}`);
    const person = neighbours.find((n) => n.id === chatId)?.name ?? chatId;
    return style.bold(
      `🔒 ${t('console.private_with', { name: person, interpolation: { escapeValue: false } })} · bot${tag}`,
    );
  }

  /** The chat's words, for what is printed with the bot's messages. */
  async function wordsOf(chatId: string): Promise<T> {
    return options.i18n.t((await options.localeOf?.(chatId)) ?? 'fr');
  }

  function render(message: OutboundMessage, t: T): string {
    switch (message.kind) {
      case 'text': {
        const numbered = (message.choices ?? []).flat();
        // Every list starts at 1 (a private chat numbers a question after the safety offer).
        const first = message.numberFrom ?? 1;
        let n = first - 1;
        const lines = numbered.flatMap((c) => {
          if (c.url !== undefined) return [`   ${c.label} → ${c.url}`];
          n = nextNumber(c, n);
          return c.hidden ? [] : [`   ${n}. ${c.label}`];
        });
        // In the language of the menu's audience when it says one (its words are theirs).
        const hintIn = message.language ? options.i18n.t(message.language) : t;
        const hint = n >= first ? `\n   ${hintIn('console.choices_hint')}` : '';
        return [renderMarkup(message.text, style), ...lines].join('\n') + hint;
      }
      case 'poll': {
        const first = message.numberFrom ?? 1;
        const lines = message.options.map((o, i) => `   ${i + first}. ${o}`);
        // The example uses numbers shown (7 9 for options 7–9), never "1 3" beside them.
        const last = first + message.options.length - 1;
        const hint = t(
          message.multipleAnswers ? 'console.poll_hint_multiple' : 'console.poll_hint',
          {
            example: `${first} ${Math.min(first + 2, last)}`,
          },
        );
        return [`📊 ${message.question}`, ...lines, `   ${hint}`].join('\n');
      }
      case 'document': {
        mkdirSync(options.documentsDir, { recursive: true });
        const path = join(options.documentsDir, message.filename);
        writeFileSync(path, message.data);
        const caption = message.caption ? `${renderMarkup(message.caption, style)}\n` : '';
        return `${caption}📎 ${t('console.document_saved', { path, interpolation: { escapeValue: false } })}`;
      }
    }
  }

  const messenger: Messenger = {
    platform: 'console',
    capabilities: consoleCapabilities,
    async send(chatId, message) {
      const messageId = await nextMessageId();
      const words = await wordsOf(chatId);
      const menu = message.kind === 'poll' || (message.kind === 'text' && !!message.choices);
      const reference = menu ? words('console.reference', { id: messageId }) : undefined;
      print(`\n${header(chatId, reference)}\n${render(message, words)}\n`);
      return {
        messageId,
        ...(message.kind === 'poll' ? { pollId: `console-poll-${messageId}` } : {}),
      };
    },
    async edit(chatId, _messageId, message) {
      const words = await wordsOf(chatId);
      print(`\n${header(chatId)} ${words('console.edited')}\n${render(message, words)}\n`);
    },
    async closePoll(chatId) {
      print(`\n${header(chatId)}\n${(await wordsOf(chatId))('console.poll_closed')}\n`);
    },
    acknowledgeChoice: () => Promise.resolve(),
    isAdmin: (_chatId, personId) => Promise.resolve(personId === neighbours[0]?.id),
    // Every neighbour of the simulation lives in its one group.
    isMember: (chatId, personId) =>
      Promise.resolve(chatId === consoleGroup.id && neighbours.some((n) => n.id === personId)),
    listAdmins: () => Promise.resolve(neighbours[0] ? [neighbours[0].id] : []),
    privateChatLink: () => undefined,
    botLink: () => undefined,
    privateChatId: (personId) => personId,
  };
  async function handleSafely(event: InboundEvent): Promise<void> {
    try {
      const receipt = await options.inbox.receive('console', [event]);
      await receipt.handled;
    } catch (error) {
      // The adapter's one catch point: even the apology failed (e.g. the database is down).
      options.logger.error({ err: error, platform: 'console', eventId: event.id }, 'event failed');
      print(t('router.unexpected_error'));
    }
  }

  async function say(
    speakerId: string,
    where: 'group' | 'private',
    text: string,
    replyTo?: string,
  ) {
    const speaker = neighbours.find((n) => n.id === speakerId);
    if (!speaker) throw new Error(`no neighbour ${speakerId}`);
    const id = `console:${randomUUID()}`;
    const event = toInboundEvent({ id, speaker, where, text, ...(replyTo ? { replyTo } : {}) });
    if (event) await handleSafely(event);
    return event;
  }

  async function joinGroup(): Promise<void> {
    const admin = neighbours[0]!;
    await handleSafely({
      type: 'bot_added',
      id: `console:${consoleGroup.id}:bot-added`,
      chat: { platform: 'console', id: consoleGroup.id, kind: 'group', title: consoleGroup.title },
      person: { platform: 'console', id: admin.id, displayName: admin.name, languageCode: 'fr' },
    });
  }

  async function run(): Promise<void> {
    let speaker: Neighbour = neighbours[0]!;
    let where: 'group' | 'private' = 'group';
    const prompt = () =>
      `${where === 'group' ? `[${consoleGroup.title}]` : `[${t('console.private_with', { name: 'bot' })}]`} ${speaker.name} › `;
    const rl = createInterface({ input: options.input, output: options.output, terminal: false });
    // Take the iterator now: lines typed while the bot is still joining are queued, not lost.
    const lines = rl[Symbol.asyncIterator]();

    print(
      t('console.banner', {
        group: consoleGroup.title,
        names: neighbours.map((n) => n.name).join(', '),
        interpolation: { escapeValue: false },
      }),
    );
    await joinGroup();
    options.output.write(prompt());

    for await (const raw of { [Symbol.asyncIterator]: () => lines }) {
      const line = raw.trim();
      if (line === '/quit' || line === ':quit' || line === ':q' || line === '/quitter') break;
      if (line.startsWith(':')) {
        const [verb = '', ...rest] = line.slice(1).split(/\s+/);
        if (verb === 'moi' || verb === 'me' || verb === 'voisin') {
          const next = findNeighbour(rest.join(' '));
          if (next) speaker = next;
          else
            print(
              t('console.unknown_neighbour', {
                names: neighbours.map((n) => n.name).join(', '),
                interpolation: { escapeValue: false },
              }),
            );
        } else if (verb === 'prive' || verb === 'privé' || verb === 'private') {
          where = 'private';
        } else if (verb === 'groupe' || verb === 'group') {
          where = 'group';
        } else if (
          (verb === 'repondre' || verb === 'répondre' || verb === 'reply') &&
          /^\d+$/.test(rest[0] ?? '') &&
          rest.length > 1
        ) {
          // A quoted reply, as on a phone: ":répondre 7 2" answers "2" to the bot's message 7.
          await say(speaker.id, where, rest.slice(1).join(' '), rest[0]);
        } else {
          print(t('console.help', { interpolation: { escapeValue: false } }));
        }
      } else {
        await say(speaker.id, where, raw);
      }
      options.output.write(prompt());
    }
    rl.close();
    print(`\n${t('console.bye')}`);
  }

  return { messenger, run, say, join: joinGroup };
}
