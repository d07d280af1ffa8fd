// The router: the one place every neutral event goes through, once the inbox stored it and
// set redeliveries aside (handlers/inbox/). It records the chat and the person (minimum
// data), applies flood control's verdict, checks input and permissions, and hands the event
// to the feature that owns it. Answers to presses and organisers' commands are sent ahead of
// ordinary traffic. Errors stop here: a UserFacingError is answered in the chat's language;
// an outage (database, platform) is thrown back to the inbox, which tries the event again
// later; anything else is logged with its context and answered with an apology.
import {
  findChat,
  markChatActive,
  saveChatMigration,
  saveChatSeen,
  type ChatRow,
} from '../db/queries/chats.ts';
import { isTransientDatabaseError } from '../db/client.ts';
import { recordInboundEvent } from '../db/queries/inbound-events.ts';
import type { FloodVerdict } from '../db/queries/inbox.ts';
import { markMemberLeft, type PersonRow } from '../db/queries/people.ts';
import {
  commandName,
  createCommandTable,
  nearestCommand,
  normaliseCommandName,
} from './commands.ts';
import type { Deps } from './deps.ts';
import { TransientError, UserFacingError } from './errors.ts';
import { AccessRefused, requireAccess } from './access.ts';
import type { ChoiceEvent, InboundEvent, MessageEvent, OutboundMessage } from './events.ts';
import type {
  ChoiceContext,
  ChoiceSpec,
  CommandSpec,
  Feature,
  HandlerContext,
  MembershipContext,
  MessageContext,
} from './feature.ts';
import { toLocale, type Locale } from './i18n.ts';
import { checkInput } from './input.ts';
import { writtenLanguageOf } from './language.ts';
import {
  closeMenu,
  type NumberedAnswer,
  isNumberedReply,
  saysYes,
  toNumberedAnswer,
  toYesAnswer,
} from './numbered-answer.ts';
import { groupOf, sendPrivately } from './reach.ts';
import { answerDistress, answerDistressOver } from './safety.ts';
import { distressIn, distressReadingOf, type Distress } from './understanding/distress.ts';
import { helpCommandOf, helpWordLanguage } from './understanding/help-command.ts';
import { createUnderstander } from './understanding/intents.ts';
import type { Messenger } from './ports.ts';
import {
  createListNamer,
  isPick,
  listsToOffer,
  readPick,
  senderIdsOf,
  whichListQuestion,
} from './which-list.ts';

/** A person is told about late messages at most this often. */
const LATE_NOTE_EVERY_MS = 6 * 3_600_000;

/** The messenger's urgent lane, where it has one. */
function urgently(messenger: Messenger): Messenger {
  return messenger.urgent?.() ?? messenger;
}

function hasButtonsAndPolls(messenger: Messenger): boolean {
  return messenger.capabilities.inlineButtons && messenger.capabilities.nativePolls;
}

/** What the inbox knows of an event besides the event itself. */
export interface HandlingNotes {
  /** Flood control's verdict at receipt (db/queries/inbox.ts). */
  flood?: FloodVerdict;
}

export interface Router {
  /** Throws only for an outage (the inbox tries the event again later). */
  handle(event: InboundEvent, messenger: Messenger, notes?: HandlingNotes): Promise<void>;
  /** Every command, for help and for the platforms' command menus. */
  commands: CommandSpec[];
  /**
   * Whether words that say distress also ask for something that goes on after the numbers
   * (a need): the inbox keeps those words in memory for it.
   */
  asksAfterDistress?(event: MessageEvent): boolean;
}

export function createRouter(deps: Deps, features: Feature[]): Router {
  const commandTable = createCommandTable(
    features.flatMap((f) => f.commands ?? []),
    deps.i18n.commandAliases,
  );
  const choices = createChoiceTable(features.flatMap((f) => f.choices ?? []));
  const lists = createListNamer(deps, choices, features);
  const startPayloads = new Map(features.flatMap((f) => Object.entries(f.startPayloads ?? {})));
  const understander = createUnderstander(features.flatMap((f) => f.intents ?? []));
  const spoken = (locale: Locale): Locale => (deps.i18n.available.includes(locale) ? locale : 'fr');

  async function handle(
    event: InboundEvent,
    messenger: Messenger,
    notes: HandlingNotes = {},
  ): Promise<void> {
    // Chatter the bot is not asked about costs nothing: no write, no lookup.
    if (event.type === 'message' && !event.addressed) return;
    switch (event.type) {
      case 'poll_vote':
      case 'poll_closed':
      case 'chat_migrated':
      case 'bot_removed':
        return handleWithoutPerson(event, messenger);
      default:
        break;
    }
    const sender =
      event.type === 'message' || event.type === 'choice' ? event.sender : event.person;
    let chat: ChatRow;
    let person: PersonRow | undefined;
    if (sender) {
      ({ chat, person } = await recordInboundEvent(deps.db, {
        chat: {
          platform: event.chat.platform,
          externalId: event.chat.id,
          kind: event.chat.kind,
          title: event.chat.title,
          // A new chat speaks its first person's client language, if the bot speaks it.
          locale: spoken(toLocale(sender.languageCode)),
        },
        person: {
          externalId: sender.id,
          aliases: sender.aliases,
          displayName: sender.displayName.slice(0, 64),
        },
        // Writing in a group (or joining it) shows membership; a press does not: in a public
        // group anyone may press a button they can see. Presses are checked (access.ts).
        member:
          event.chat.kind === 'group' &&
          (event.type === 'message' ||
            event.type === 'member_joined' ||
            event.type === 'bot_added'),
        reachable: event.chat.kind === 'private' && event.type === 'message',
      }));
    } else {
      // A membership notice that names nobody (WhatsApp may not say who added the bot).
      chat = await saveChatSeen(deps.db, {
        platform: event.chat.platform,
        externalId: event.chat.id,
        kind: event.chat.kind,
        title: event.chat.title,
        locale: 'fr',
      });
    }
    const ctx = createContext(event, chat, person, messenger);
    try {
      // Distress is never held back, whoever writes and however often.
      const distress = event.type === 'message' ? distressOf(event) : undefined;
      if (notes.flood && !distress && !(await passesFloodControl(ctx, notes.flood))) return;
      if (event.type === 'message' && event.late && !distress && ctx.chat.kind === 'group') {
        return await noteLate(ctx);
      }
      await dispatch(ctx);
    } catch (error) {
      await answerError(ctx, error);
    }
  }

  /**
   * A person past their limit gets one notice, then nothing until the minute is over; a group
   * past its limit gets one notice, then only its organisers are answered. Organisers are
   * never held back in their group (their commands are what a group needs most), and a
   * forgery or a flood is logged once, with the notice, not for every dropped event.
   */
  async function passesFloodControl(ctx: HandlerContext, verdict: FloodVerdict) {
    const { event } = ctx;
    if (ctx.chat.kind === 'group' && (await ctx.isOrganiser())) return true;
    const notice =
      verdict === 'notice'
        ? ctx.t('router.flood_person', { name: ctx.person.displayName })
        : verdict === 'group_notice'
          ? ctx.t('router.flood_group')
          : undefined;
    if (notice) {
      deps.logger.info(
        { platform: ctx.chat.platform, chat: ctx.chat.externalId, eventId: event.id, verdict },
        'flood control',
      );
    }
    if (event.type === 'choice' && event.callbackId) {
      await ctx.messenger.acknowledgeChoice(event.callbackId, notice);
    } else if (notice) {
      await ctx.reply(notice);
    }
    return false;
  }

  /** When each person was last told that their group messages came late (bounded). */
  const toldLate = new Map<number, number>();

  /**
   * A command or numbered reply delivered long after it was written (WhatsApp's backlog after
   * an outage) is not answered in the group, where the conversation has moved on: the person
   * is told once privately, when the bot may write to them, to send it again if still needed.
   */
  async function noteLate(ctx: HandlerContext): Promise<void> {
    const { person, event } = ctx;
    const at = ctx.now.getTime();
    deps.logger.info(
      { platform: ctx.chat.platform, eventId: event.id },
      'late message not answered',
    );
    if (at - (toldLate.get(person.id) ?? 0) < LATE_NOTE_EVERY_MS) return;
    if (toldLate.size >= 10_000) toldLate.clear();
    toldLate.set(person.id, at);
    await sendPrivately(deps, person.id, (t) => t('router.late_message', groupOf(ctx.chat)));
  }

  async function handleWithoutPerson(event: InboundEvent, messenger: Messenger): Promise<void> {
    switch (event.type) {
      case 'poll_vote':
        for (const feature of features) await feature.onPollVote?.(event, deps, messenger);
        return;
      case 'poll_closed':
        for (const feature of features) await feature.onPollClosed?.(event, deps, messenger);
        return;
      case 'chat_migrated':
        await saveChatMigration(deps.db, event.chat.platform, event.chat.id, event.newId);
        deps.logger.info({ from: event.chat.id, to: event.newId }, 'group migrated');
        return;
      case 'bot_removed': {
        const chat = await findChat(deps.db, event.chat.platform, event.chat.id);
        if (chat) await markChatActive(deps.db, chat.id, false);
        deps.logger.info(
          { platform: event.chat.platform, chat: event.chat.id },
          'removed from a group',
        );
        return;
      }
      default:
        return;
    }
  }

  function createContext(
    event: Exclude<
      InboundEvent,
      { type: 'poll_vote' | 'poll_closed' | 'chat_migrated' | 'bot_removed' }
    >,
    chat: ChatRow,
    person: PersonRow | undefined,
    messenger: Messenger,
  ): HandlerContext {
    const locale = toLocale(chat.locale) satisfies Locale;
    const t = deps.i18n.t(locale);
    let organiser: Promise<boolean> | undefined;
    // Answers to presses, and to organisers once they are known as such (a command that
    // checked it), go ahead of ordinary traffic.
    let urgent = event.type === 'choice';
    const senderId = 'sender' in event ? event.sender.id : event.person?.id;
    const senderIds = 'sender' in event ? [event.sender.id, ...(event.sender.aliases ?? [])] : [];
    const ctx: HandlerContext = {
      deps,
      get messenger() {
        return urgent ? urgently(messenger) : messenger;
      },
      event,
      chat,
      // Only membership notices may lack a person; their handlers are typed for it.
      person: person as PersonRow,
      locale,
      t,
      now: deps.clock.now(),
      reply: (message: OutboundMessage | string) =>
        ctx.messenger.send(
          event.chat.id,
          typeof message === 'string' ? { kind: 'text', text: message } : message,
        ),
      isOrganiser: () =>
        (organiser ??= (
          chat.kind === 'private'
            ? Promise.resolve(true)
            : senderId
              ? messenger.isAdmin(event.chat.id, senderId)
              : Promise.resolve(false)
        ).then((yes) => {
          if (yes && chat.kind === 'group') urgent = true;
          return yes;
        })),
      isBotAdmin: () =>
        senderIds.some((id) => deps.config.botAdmins.includes(`${event.chat.platform}:${id}`)),
    };
    return ctx;
  }

  async function dispatch(ctx: HandlerContext): Promise<void> {
    const { event } = ctx;
    switch (event.type) {
      case 'message':
        return dispatchMessage(ctx as MessageContext);
      case 'choice':
        await dispatchChoice(ctx as HandlerContext<ChoiceEvent>);
        return;
      case 'bot_added':
        await markChatActive(ctx.deps.db, ctx.chat.id, true);
        break;
      case 'member_left':
        if (ctx.person) await markMemberLeft(ctx.deps.db, ctx.chat.id, ctx.person.id);
        break;
      default:
        break;
    }
    for (const feature of features) {
      await feature.onMembership?.(ctx as MembershipContext);
    }
  }

  async function dispatchMessage(ctx: MessageContext): Promise<void> {
    const { event, t } = ctx;
    // Before anything else, whatever the message also is (a command, too long, an answer
    // to a form): someone unwell gets the emergency numbers first. One reading of the
    // message serves both checks (and was made by the inbox already).
    const read = event.addressed ? distressReadingOf(event) : undefined;
    if (read?.distress) {
      await answerDistress(ctx, read.distress, read.languages);
      // A command then goes on, so that what it asks is not lost ("/besoin courses : je suis
      // tombée, il me faut du pain"); words alone (but a request, below), or a command the
      // bot does not know ("/sos"), are answered by the numbers. So is anything come late to
      // a group (an outage's backlog): the conversation there has moved on.
      if (event.late && ctx.chat.kind === 'group') return;
      // Words that also ask for help ("j'ai la tête qui tourne, quelqu'un peut faire mes
      // courses demain") go on to the need, its preview numbered after the offer
      // (safety-offer.ts), as `/besoin …` does; other words are answered by the numbers.
      if (!event.command) {
        if (!checkInput(event.text, deps.config.maxInputLength) && asksAfterDistress(event)) {
          await answerPlainWords(ctx);
        }
        return;
      }
      if (!goesOnAfterDistress(event)) return;
    } else if (read?.over) {
      await answerDistressOver(ctx, read.languages);
      // A command goes on ("/besoin … ça va mieux, il me faut du pain"); words alone are said.
      if (!event.command) return;
    }
    const problem = checkInput(event.text, deps.config.maxInputLength);
    if (problem) {
      await ctx.reply(t(`input.${problem}`, { max: deps.config.maxInputLength }));
      return;
    }
    if (!event.command && !hasButtonsAndPolls(ctx.messenger) && saysYes(event.text)) {
      const yes = await toYesAnswer(deps, ctx.chat, [
        event.sender.id,
        ...(event.sender.aliases ?? []),
      ]);
      if (yes) return dispatchNumberedReply(ctx, yes);
      // A yes said in passing in a group, not to the bot by name, is not for the bot (WhatsApp
      // hands every short yes over, as it does numbers).
      if (ctx.chat.kind === 'group' && !/^\s*(?:bot\b|@)/iu.test(event.text)) return;
    }
    if (!event.command && isNumberedReply(event.text) && !hasButtonsAndPolls(ctx.messenger)) {
      const answer = await toNumberedAnswer(
        deps,
        ctx.chat,
        event.text,
        senderIdsOf(ctx),
        event.replyTo,
      );
      return dispatchNumberedReply(ctx, answer);
    }
    if (event.startPayload) {
      // Telegram allows only A-Z a-z 0-9 _ - in a start payload: `volunteer-12` or `x:12`.
      const [prefix = '', rest = ''] = event.startPayload.split(/[:-](.*)/s, 2);
      const spec = startPayloads.get(prefix);
      if (spec) {
        const found = await requireAccess(ctx, { ...spec, where: 'private' }, rest, 'link');
        try {
          return await spec.run(ctx, found, rest);
        } catch (error) {
          if (error instanceof UserFacingError) {
            deps.logger.info(
              { ...where(ctx), prefix, key: error.key },
              'link answered with a notice',
            );
          }
          throw error;
        }
      }
    }
    // "/yardım", "/مساعدة": help asked with a name Telegram does not take for a command (its
    // names are a-z, 0-9 and _ only), so it came as plain text (help-command.ts).
    const typed = event.command ?? helpCommandOf(event)?.command;
    if (typed) {
      const { spec, near } = commandOf(typed.name);
      if (!event.command) ctx = { ...ctx, event: { ...event, command: typed } };
      if (near?.exact) {
        // "/jeviens2" is "/jeviens 2".
        const args = [near.args, typed.args].filter(Boolean).join(' ');
        ctx = { ...ctx, event: { ...event, command: { name: near.name, args } } };
      }
      if (!spec) {
        const command = typed.name.slice(0, 32);
        await ctx.reply(
          near
            ? t('router.did_you_mean', {
                command,
                suggestion: commandName(near.spec, ctx.locale),
              })
            : t('router.unknown_command', { command }),
        );
        return;
      }
      const wrongPlace =
        (spec.where === 'group' && ctx.chat.kind !== 'group') ||
        (spec.where === 'private' && ctx.chat.kind !== 'private');
      if (wrongPlace) {
        await ctx.reply(t(`router.only_in_${spec.where}`));
        return;
      }
      if (spec.organiserOnly && !(await ctx.isOrganiser())) {
        await ctx.reply(t('router.organisers_only'));
        return;
      }
      return spec.run(ctx);
    }
    for (const feature of features) {
      if (await feature.onText?.(ctx)) return;
    }
    if (event.text.trim() === '') return;
    await answerPlainWords(ctx);
  }

  /**
   * A command's declaration by its name; otherwise the nearest command (its `spec` too when
   * the name was exact with its arguments run in: "/jeviens2").
   */
  function commandOf(name: string) {
    // A help word of any language ("/ajuda", "/ayuda", "/yardim", "/musaada") is /aide.
    const spec =
      commandTable.get(normaliseCommandName(name)) ??
      (helpWordLanguage(name) ? commandTable.get('aide') : undefined);
    if (spec) return { spec, near: undefined };
    const near = nearestCommand(commandTable, name);
    return { spec: near?.exact ? near.spec : undefined, near };
  }

  /** Whether a command whose words said distress is still run, after the numbers. */
  function goesOnAfterDistress(event: MessageEvent): boolean {
    const spec = event.command && commandOf(event.command.name).spec;
    return !!spec && !spec.notAfterDistress;
  }

  /** Plain words that, said with distress, still go on to what they ask (IntentSpec). */
  function asksAfterDistress(event: MessageEvent): boolean {
    if (event.command || event.text.trim() === '') return false;
    const understood = understander.understand(event.text, event.chat.kind, {
      distressRead: true,
    });
    return understood.kind === 'intent' && understood.intent.afterDistress === true;
  }

  /** A message no command or form took: what the person means, in their words. */
  async function answerPlainWords(said: MessageContext): Promise<void> {
    // Privately, words written in another of the bot's languages are answered in it (a
    // newcomer whose private chat still speaks French is offered the switch, language.ts).
    const written = writtenLanguageOf(said);
    const ctx: MessageContext = written
      ? {
          ...said,
          locale: written,
          t: deps.i18n.t(written),
          // A menu's "answer with a number" line in the same language as its words.
          reply: (message) =>
            said.reply(
              typeof message === 'string' || message.kind === 'document'
                ? message
                : { ...message, language: message.language ?? written },
            ),
        }
      : said;
    const { event, t } = ctx;
    // Distress was answered first (dispatchMessage): what is left is what people ask for.
    const understood = understander.understand(event.text, ctx.chat.kind, { distressRead: true });
    switch (understood.kind) {
      case 'intent':
        deps.logger.debug({ eventId: event.id, intent: understood.intent.name }, 'understood');
        try {
          return await understood.intent.run(ctx, event.text);
        } catch (error) {
          // A notice ("no gathering planned") in the language the answer is given in.
          if (!written || !(error instanceof UserFacingError)) throw error;
          await ctx.reply(t(error.key, error.vars));
          return;
        }
      case 'unsure':
        await ctx.reply(
          `${t('understanding.unsure')}\n${understood.intents.map((i) => `• ${i.offer(t)}`).join('\n')}`,
        );
        return;
      default:
        await ctx.reply(t('understanding.unknown'));
    }
  }

  /**
   * "2" after a numbered question, on platforms without buttons or native polls (or the
   * number applied to the list chosen after "which list?", from that choice).
   */
  async function dispatchNumberedReply(
    ctx: HandlerContext<MessageEvent | ChoiceEvent>,
    answer: NumberedAnswer | undefined,
  ): Promise<void> {
    const { event } = ctx;
    // A numbered answer is a press: its own context, answered as urgently.
    const press = (data: string, messageId: string, messenger = ctx.messenger) =>
      dispatchChoice(
        createContext(
          { type: 'choice', id: event.id, chat: event.chat, sender: event.sender, data, messageId },
          ctx.chat,
          ctx.person,
          messenger,
        ) as HandlerContext<ChoiceEvent>,
      );
    switch (answer?.kind) {
      case 'choice':
        if (await press(answer.data, answer.messageId)) await closeMenu(deps, answer);
        return;
      case 'choices': {
        // Several at once ("1 3 5"): each pressed in turn; only the last one's answer is
        // said (each would re-send the same menu), the others act in silence.
        const silent: Messenger = {
          ...ctx.messenger,
          send: () => Promise.resolve({}),
          edit: () => Promise.resolve(),
          // Presses are answered on the urgent lane: silent there too.
          urgent: () => silent,
        };
        let accepted = false;
        for (const [i, data] of answer.data.entries()) {
          const last = i === answer.data.length - 1;
          if (await press(data, answer.messageId, last ? ctx.messenger : silent)) accepted = true;
        }
        if (accepted) await closeMenu(deps, answer);
        return;
      }
      case 'vote': {
        const vote = { type: 'poll_vote' as const, id: event.id, pollId: answer.pollId };
        for (const feature of features) {
          await feature.onPollVote?.(
            { ...vote, voter: event.sender, optionIndexes: answer.optionIndexes },
            deps,
            ctx.messenger,
          );
        }
        return;
      }
      case 'out_of_range': {
        const [only, ...more] = answer.ranges;
        if (!only) {
          // No menu of theirs, and no menu has this number: not an answer to anyone's
          // question (in a group, a number said in passing is not for the bot).
          if (ctx.chat.kind === 'private') await ctx.reply(ctx.t('understanding.unknown'));
          return;
        }
        await ctx.reply(
          more.length === 0
            ? only.from === only.to
              ? ctx.t('router.choose_only', { number: only.from })
              : ctx.t('router.choose_between', { from: only.from, to: only.to })
            : ctx.t('router.choose_among', {
                ranges: answer.ranges
                  .map((r) => (r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`))
                  .join(', '),
              }),
        );
        return;
      }
      case 'gone':
        await ctx.reply(ctx.t('router.menu_pick_gone'));
        return;
      case 'not_yours':
        await ctx.reply(ctx.t('router.menu_not_yours'));
        return;
      case 'ambiguous':
        await ctx.reply(ctx.t('router.menu_ambiguous'));
        return;
      case 'which': {
        // A short question naming the lists, for this person; their choice applies the number.
        // A list that is over (a cancelled gathering's) is no answer: where one list is left,
        // the number is its own.
        const named = await listsToOffer(ctx, lists, answer.menus);
        const [only] = named;
        if (!only) {
          await ctx.reply(ctx.t('router.menu_pick_gone'));
        } else if (named.length === 1 && !answer.always) {
          const numbers = answer.numbers.join(' ');
          const ids = senderIdsOf(ctx);
          const read = await toNumberedAnswer(
            deps,
            ctx.chat,
            numbers,
            ids,
            undefined,
            only.menu.id,
          );
          await dispatchNumberedReply(ctx, read);
        } else {
          await ctx.reply(whichListQuestion(ctx, named, answer.numbers));
        }
        return;
      }
      case 'replaced':
        await ctx.reply(
          ctx.t('router.menu_replaced', { newer: await lists.name(ctx, answer.newer) }),
        );
        return;
      case 'expired': {
        // Told which question is over, and how to have it asked again.
        const question = await lists.name(ctx, answer.question, { yours: false });
        const again = await lists.askAgain(ctx, answer.question);
        await ctx.reply(
          ctx.t(again ? 'router.menu_expired_again' : 'router.menu_expired', {
            name: ctx.person.displayName,
            question,
            command: again,
          }),
        );
        return;
      }
      case undefined:
        // A number said in passing in a group is not for the bot.
        if (ctx.chat.kind === 'private') await ctx.reply(ctx.t('understanding.unknown'));
        return;
    }
  }

  /**
   * A press (or a numbered reply): checked against its declaration, then run. Whatever is
   * said to the presser alone (a refusal, an apology) goes in the press's pop-up where there
   * is one, so that no press makes the bot post in a group what only the presser needs.
   */
  /** Whether the choice ran (not refused, not answered with a notice). */
  async function dispatchChoice(ctx: HandlerContext<ChoiceEvent>): Promise<boolean> {
    const { event, t, messenger } = ctx;
    const maxNotice = messenger.capabilities.maxChoiceNoticeLength;
    const popUp = event.callbackId !== undefined && maxNotice > 0;
    let notice: string | undefined;
    let link: string | undefined;
    const choiceCtx: ChoiceContext = {
      ...ctx,
      async notify(text) {
        // Too long for the pop-up: in a private chat it is said there in full.
        if (popUp && (ctx.chat.kind === 'group' || plainLength(text) <= maxNotice)) {
          notice = notice === undefined ? text : `${notice}\n${text}`;
        } else {
          await ctx.reply(text);
        }
      },
      openPrivateChat(payload) {
        link = popUp ? messenger.privateChatLink(payload) : undefined;
        return link !== undefined;
      },
    };
    const found = choices.match(event.data);
    try {
      if (isPick(event.data)) return await pickList(choiceCtx);
      if (!found) {
        deps.logger.info(
          { ...where(ctx), carrier: 'choice', reason: 'unknown', data: event.data.slice(0, 64) },
          'refused',
        );
        await choiceCtx.notify(t('router.stale_choice'));
        return false;
      }
      const row = await requireAccess(choiceCtx, found.spec, found.rest, 'choice');
      await found.spec.run(choiceCtx, row, found.rest);
      return true;
    } catch (error) {
      if (error instanceof UserFacingError) {
        // A refusal the access check made is logged already.
        if (!(error instanceof AccessRefused)) {
          deps.logger.info(
            { ...where(ctx), prefix: found?.spec.prefix, key: error.key },
            'choice answered with a notice',
          );
        }
        await choiceCtx.notify(t(error.key, error.vars));
        return false;
      } else if (popUp) {
        deps.logger.error({ err: error, ...where(ctx) }, 'handler failed');
        notice = t('router.unexpected_error');
        return false;
      } else {
        throw error;
      }
    } finally {
      if (event.callbackId) {
        await messenger.acknowledgeChoice(event.callbackId, notice, notice ? undefined : link);
      }
    }
  }

  /**
   * The list chosen after "which list?": the numbers first typed, applied to it as if the
   * person had quoted it. Only a list still waiting in this chat, and only what the person
   * could answer there (see which-list.ts).
   */
  async function pickList(ctx: ChoiceContext): Promise<boolean> {
    const pick = readPick(ctx.event.data);
    const answer =
      pick &&
      !hasButtonsAndPolls(ctx.messenger) &&
      (await toNumberedAnswer(
        deps,
        ctx.chat,
        pick.numbers,
        senderIdsOf(ctx),
        undefined,
        pick.menuId,
      ));
    if (!answer) {
      deps.logger.info({ ...where(ctx), carrier: 'choice', reason: 'unknown' }, 'refused');
      await ctx.notify(ctx.t('router.menu_pick_gone'));
      return false;
    }
    await dispatchNumberedReply(ctx, answer);
    return true;
  }

  function where(ctx: HandlerContext) {
    return { platform: ctx.chat.platform, chat: ctx.chat.externalId, eventId: ctx.event.id };
  }

  async function answerError(ctx: HandlerContext, error: unknown): Promise<void> {
    const { event } = ctx;
    // An outage is no one's mistake: the inbox tries the event again once it is over.
    if (error instanceof TransientError || isTransientDatabaseError(error)) throw error;
    if (error instanceof UserFacingError) {
      await ctx.reply(ctx.t(error.key, error.vars));
      return;
    }
    deps.logger.error(
      { err: error, platform: ctx.chat.platform, chat: ctx.chat.externalId, eventId: event.id },
      'handler failed',
    );
    await ctx.reply(ctx.t('router.unexpected_error'));
  }

  return { handle, commands: [...new Set(commandTable.values())], asksAfterDistress };
}

/**
 * Choices by prefix: `aid:offer:12` is the `aid:offer` choice with `12`, `kit:canicule` the
 * `kit` choice with `canicule`. A prefix declared twice is a mistake found at startup.
 */
export function createChoiceTable(specs: ChoiceSpec[]) {
  const table = new Map<string, ChoiceSpec>();
  for (const spec of specs) {
    if (table.has(spec.prefix)) throw new Error(`choice prefix "${spec.prefix}" is declared twice`);
    table.set(spec.prefix, spec);
  }
  return {
    match(data: string): { spec: ChoiceSpec; rest: string } | undefined {
      const parts = data.split(':');
      const two = parts.length > 1 ? table.get(`${parts[0]}:${parts[1]}`) : undefined;
      if (two) return { spec: two, rest: parts.slice(2).join(':') };
      const one = table.get(parts[0] ?? '');
      return one && { spec: one, rest: parts.slice(1).join(':') };
    },
  };
}

/** The length of a neutral text once its markup is gone, as a pop-up shows it. */
function plainLength(text: string): number {
  return text.replace(/<[^>]*>/g, '').replace(/&(?:lt|gt|amp|quot|#39);/g, '_').length;
}

/** Distress in an addressed message: as the inbox found it at receipt, or read now. */
function distressOf(event: MessageEvent): Distress | undefined {
  return event.addressed ? distressIn(event) : undefined;
}
