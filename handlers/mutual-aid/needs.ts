// /besoin: a need described privately (or typed in the group and continued privately as a
// draft), its category, then published; withdrawing it, showing the requester's name.
import {
  countRecentRequests,
  createHelpRequest,
  findActiveRequestsOf,
  findHelpRequest,
  findLatestDraft,
  deleteDraft,
  moveHelpRequest,
  saveRequestCategory,
  type HelpRequestRow,
} from '../../db/queries/mutual-aid.ts';
import { savePendingAnswer, takePendingAnswer } from '../../db/queries/pending-answers.ts';
import { findDate } from '../calendar/french-dates.ts';
import { findDateRange } from '../calendar/date-ranges.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import type { OutboundMessage } from '../events.ts';
import { findPerson } from '../../db/queries/people.ts';
import { findChatById, type ChatRow } from '../../db/queries/chats.ts';
import { groupNamed, rowNamed } from '../access.ts';
import { withoutHealthDetails } from '../health-words.ts';
import {
  defineStartPayload,
  type ChoiceContext,
  type HandlerContext,
  type MessageContext,
  type Reach,
} from '../feature.ts';
import { isLocale, quoted, toLocale, type Locale, type T } from '../i18n.ts';
import { detectLanguage } from '../language-detect.ts';
import { replyPrivately } from '../private-chat.ts';
import { todayIn } from '../zoned-time.ts';
import {
  guessHelpCategory,
  helpCategories,
  isHelpCategory,
  readHelpCategory,
} from './categories.ts';
import { maskContacts } from '../contacts.ts';
import { groupLine, privateLineTo, requireGroupChat, sendPrivately } from '../reach.ts';
import { cardMessage, needLanguage, publishRequest, withdrawRequest } from './requests.ts';
import { whichGroup } from './which-group.ts';

export const MAX_DESCRIPTION_LENGTH = 500;

/** Requests a person may publish in an hour. */
export const MAX_REQUESTS_PER_HOUR = 3;
export const ANSWER_TTL_MS = 30 * 60_000;

export async function ask(ctx: MessageContext): Promise<void> {
  const args = (ctx.event.command?.args ?? '').trim();
  if (ctx.deps.i18n.commandWords.find('need', args) === 'cancel') {
    return listForWithdrawal(ctx);
  }
  if (ctx.chat.kind === 'group') {
    // The conversation goes on privately; a need typed here waits there as a draft, and its
    // words leave the group's view where the bot can take them out (it is an admin).
    const made = args ? await makeDraft(ctx, ctx.chat.id, args) : undefined;
    const draft = made?.draft;
    const afterwards = draft
      ? ctx.t((await takeOutOfGroup(ctx)) ? 'aid.removed_from_group' : 'aid.delete_your_message')
      : undefined;
    const say = (key: string) => [ctx.t(key), afterwards].filter(Boolean).join('\n\n');
    const reachable = ctx.person.reachablePrivately || ctx.messenger.capabilities.canMessageFirst;
    if (reachable) {
      // Privately, its questions in the language it was written in (the group's card is not).
      if (made) await continueDraft(ctx.deps, made.draft, made.withheld, writtenIn(ctx, args));
      else await askDescription(ctx.deps, ctx.person.id, ctx.chat.id, ctx.now);
      await ctx.reply(say('private.sent_privately'));
      return;
    }
    // What was left out of a draft is said once the private chat is open (without the words:
    // they are kept nowhere meanwhile).
    const link = ctx.messenger.privateChatLink(
      made ? `ask-${made.draft.id}${made.withheld ? '-h' : ''}` : `ask-g${ctx.chat.id}`,
    );
    await ctx.reply(
      link
        ? {
            kind: 'text',
            text: say(draft ? 'aid.continue_privately_draft' : 'aid.continue_privately'),
            choices: [[{ label: ctx.t('private.open_button'), url: link }]],
          }
        : say(draft ? 'aid.write_privately_draft' : 'aid.write_privately'),
    );
    return;
  }
  const chatId = await whichGroup(ctx, 'agroup');
  if (chatId === undefined) return;
  if (args === '') {
    // A need typed in the group before the private chat existed waits here as a draft.
    const since = new Date(ctx.now.getTime() - 86_400_000);
    const draft = await findLatestDraft(ctx.deps.db, ctx.person.id, chatId, since);
    if (draft) return continueDraft(ctx.deps, draft);
    return askDescription(ctx.deps, ctx.person.id, chatId, ctx.now);
  }
  const made = await makeDraft(ctx, chatId, args);
  // Plain words in another of the bot's languages are answered in it (router.ts): so are the
  // need's questions and preview.
  await continueDraft(
    ctx.deps,
    made.draft,
    made.withheld,
    ctx.locale === toLocale(ctx.chat.locale) ? undefined : ctx.locale,
  );
}

/** The language of a need's words, when clearly another of the bot's than the context's. */
function writtenIn(ctx: HandlerContext, text: string): Locale | undefined {
  const written = detectLanguage(text);
  return written && written !== ctx.locale && ctx.deps.i18n.available.includes(written)
    ? written
    : undefined;
}

/**
 * Removes the message a need was typed in from the group, for everyone: its words sit under
 * the person's name there. Only where the platform lets the bot (an admin of the group).
 */
async function takeOutOfGroup(ctx: MessageContext): Promise<boolean> {
  const { messageId } = ctx.event;
  if (!messageId || !ctx.messenger.deleteMessage) return false;
  try {
    return await ctx.messenger.deleteMessage(ctx.chat.externalId, messageId);
  } catch (error) {
    ctx.deps.logger.warn(
      { err: error, chatId: ctx.chat.id },
      'could not remove a need from a group',
    );
    return false;
  }
}

/** Asks the person, privately, to describe their need in their next message. */
export async function askDescription(
  deps: Deps,
  personId: number,
  chatId: number,
  now: Date,
  /** The language the person wrote their need in, when not the chat's. */
  locale?: Locale,
) {
  const line = await privateLineTo(deps, personId, locale);
  if (!line) throw new UserFacingError('aid.write_privately');
  await savePendingAnswer(deps.db, {
    chatId: line.chatRowId,
    personId,
    kind: 'aid_description',
    data: { chatId },
    expiresAt: new Date(now.getTime() + ANSWER_TTL_MS),
  });
  await line.send(line.t('aid.describe_need'));
}

/** A draft made from a person's words, and what of them was left out (health), if anything. */
export interface MadeDraft {
  draft: HelpRequestRow;
  /** The words as the person wrote them, when they spoke of health: shown back, never kept. */
  withheld?: string;
}

export async function makeDraft(
  ctx: HandlerContext,
  chatId: number,
  text: string,
): Promise<MadeDraft> {
  const description = text.replace(/\s+/g, ' ').trim();
  if (description === '') throw new UserFacingError('aid.empty_need');
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw new UserFacingError('aid.need_too_long', { max: MAX_DESCRIPTION_LENGTH });
  }
  const since = new Date(ctx.now.getTime() - 3_600_000);
  if ((await countRecentRequests(ctx.deps.db, ctx.person.id, since)) >= MAX_REQUESTS_PER_HOUR) {
    throw new UserFacingError('aid.too_many_requests', { max: MAX_REQUESTS_PER_HOUR });
  }
  const chat = await requireGroupChat(ctx.deps, chatId);
  // A need given in full answers a "describe your need" question still waiting privately:
  // left there, the person's next private message (a relayed one) would become a new need.
  const privateChatId =
    ctx.chat.kind === 'private'
      ? ctx.chat.id
      : (await privateLineTo(ctx.deps, ctx.person.id))?.chatRowId;
  if (privateChatId !== undefined) {
    await takePendingAnswer(ctx.deps.db, privateChatId, ctx.now, 'aid_description');
  }
  const [first = '', rest = ''] = description.split(/[\s:,]+(.*)/s, 2);
  const named = readHelpCategory(first);
  const body = named && rest.trim() ? rest.trim() : description;
  const today = todayIn(ctx.now, chat.timezone);
  let neededOn: string | null = null;
  let neededUntil: string | null = null;
  let whenText: string | null = null;
  try {
    // A period first ("du 20 au 27 décembre"): read as its last day, it misled volunteers.
    const range = findDateRange(body, today, { locale: ctx.locale });
    const found = range ? undefined : findDate(body, today, { locale: ctx.locale });
    if (range) {
      neededOn = range.from;
      neededUntil = range.until > range.from ? range.until : null;
      whenText = body.slice(range.start, range.end).trim();
    } else if (found) {
      neededOn = found.date;
      whenText = body.slice(found.start, found.end).trim();
    }
  } catch {
    // A garbled or past date in a need's text is just words: the need stands without it.
  }
  // Health is nobody else's business: the card says the need without it (health-words.ts).
  const { kept, withheld } = withoutHealthDetails(body);
  const draft = await createHelpRequest(ctx.deps.db, {
    chatId: chat.id,
    requesterId: ctx.person.id,
    category: named ?? guessHelpCategory(body) ?? 'autre',
    description: maskContacts(kept, ctx.t('aid.masked')),
    whenText,
    neededOn,
    neededUntil,
    urgent: /\burgent/i.test(body),
    status: 'draft',
    expiresAt: new Date(ctx.now.getTime() + 86_400_000),
    // The per-person limit counts by this time: the handler's clock, not the database's.
    createdAt: ctx.now,
  });
  return withheld ? { draft, withheld: description } : { draft };
}

/**
 * A draft whose category is clear is shown to its author before it is published; otherwise
 * the requester picks a category first.
 */
export async function continueDraft(
  deps: Deps,
  draft: HelpRequestRow,
  /** Words left out of it for speaking of health (true: said earlier, no longer at hand). */
  withheld?: string | true,
  /** The language the need was written in, when not the private chat's. */
  locale?: Locale,
): Promise<void> {
  if (withheld !== undefined) await explainWithheld(deps, draft, withheld, locale);
  if (draft.category !== 'autre') return preview(deps, draft, locale);
  const picked = await sendPrivately(
    deps,
    draft.requesterId,
    (t) => pickNeedCategory(t, draft, locale),
    locale,
  );
  if (!picked) throw new UserFacingError('aid.write_privately');
}

/**
 * Why the card will not show all that the person wrote, privately and before its preview:
 * what they wrote comes back to them (so that nothing is lost), with how to say a need
 * without health details. Their words are shown, not kept.
 */
async function explainWithheld(
  deps: Deps,
  draft: HelpRequestRow,
  withheld: string | true,
  locale: Locale | undefined,
): Promise<void> {
  const sent = await sendPrivately(
    deps,
    draft.requesterId,
    (t) =>
      [
        t('aid.health_withheld'),
        ...(withheld === true
          ? []
          : [
              t('aid.health_your_words', {
                text: quoted(withheld, t),
                interpolation: { escapeValue: false },
              }),
            ]),
        t(draft.description === '' ? 'aid.health_hint_empty' : 'aid.health_hint'),
      ].join('\n\n'),
    locale,
  );
  if (!sent) throw new UserFacingError('aid.write_privately');
}

/**
 * Nothing is published without a look: the person sees the card privately as the neighbours
 * will, and chooses to publish it, rewrite it, or cancel. The card is anonymous, but words can
 * give the person away ("3e sans ascenseur", a door, a street number, their own name): the
 * preview then names them.
 */
async function preview(deps: Deps, draft: HelpRequestRow, locale?: Locale): Promise<void> {
  const requester = await findPerson(deps.db, draft.requesterId);
  const found = identifyingWords(draft.description, requester?.displayName ?? '');
  const line = await privateLineTo(deps, draft.requesterId, locale);
  if (!line) throw new UserFacingError('aid.write_privately');
  const numbered = !line.messenger.capabilities.inlineButtons;
  const card = await cardMessage(deps, draft, line.t, line.locale, numbered);
  // What follows a choice is said in the preview's language too.
  const tail = locale ? `:${locale}` : '';
  // The card is shown in the person's language; when the group speaks another, the intro says
  // so (tryout: "tal como os seus vizinhos o vão ver" over a card the group read in French).
  const groupLocale = toLocale((await findChatById(deps.db, draft.chatId))?.locale);
  await line.send({
    kind: 'text',
    text: [
      groupLocale === line.locale
        ? line.t('aid.preview_intro')
        : line.t('aid.preview_intro_group_language', {
            language: line.t(`language.called.${groupLocale}`),
          }),
      card.kind === 'text' ? card.text : '',
      found.length > 0
        ? line.t('aid.preview_identifying', {
            words: found.map((w) => quoted(w, line.t)).join(', '),
            interpolation: { escapeValue: false },
          })
        : line.t('aid.preview_anonymous'),
    ].join('\n\n'),
    choices: [
      [
        {
          label: line.t(found.length > 0 ? 'aid.preview_publish_as_is' : 'aid.preview_publish'),
          data: `aid:npub:${draft.id}${tail}`,
        },
      ],
      [{ label: line.t('aid.preview_rewrite'), data: `aid:nedit:${draft.id}${tail}` }],
      [{ label: line.t('aid.preview_cancel'), data: `aid:ndel:${draft.id}${tail}` }],
    ],
    once: true,
  });
}

/** A pattern between word edges that know accented letters (\b does not: "Chloé"). */
const between = (body: string, flags = 'giu') =>
  new RegExp(`(?<![\\p{L}\\d])(?:${body})(?![\\p{L}\\d])`, flags);

const IDENTIFYING = [
  // A floor: "3e", "2ème étage", "rez-de-chaussée".
  between('\\d{1,2}\\s?(?:e|er|re|ère|eme|ème|ᵉ)(?:\\s?étage)?|rez[- ]de[- ]chauss[ée]e|rdc'),
  // A door or a building by its code: "porte B", "appt 12", "bât C2" (not "porte de": the
  // code is matched case-sensitively).
  between(
    '(?:[Pp]orte|[Aa]ppartement|[Aa]ppart|[Aa]ppt|[Aa]pt|[Bb]âtiment|[Bb]ât|[Bb]at|[Ee]scalier|[Ee]sc|[Bb]loc|[Bb]oîte)\\s+(?:n°\\s*)?(?:\\d{1,4}[A-Za-z]?|[A-Z]\\d{0,3})',
    'gu',
  ),
  // A street number: "12 rue", "3 bis avenue".
  between(
    '\\d{1,4}\\s?(?:bis|ter)?,?\\s+(?:rue|avenue|av|bd|boulevard|allée|impasse|chemin|place|square|quai|cours|passage)',
  ),
];

/** Words of a need that could tell the neighbours who wrote it. */
export function identifyingWords(text: string, name: string): string[] {
  const found = IDENTIFYING.flatMap((pattern) =>
    [...text.matchAll(pattern)].map((m) => m[0].trim()),
  );
  const first = name.trim().split(/\s+/)[0] ?? '';
  if (first.length >= 3 && between(escapeRegExp(first)).test(text)) found.push(first);
  return [...new Set(found)];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `aid:npub|nedit|ndel:<draft>[:<language>]`: publish as it is, rewrite, or cancel a previewed
 * need, answered in the preview's language.
 */
export async function decideDraft(
  ctx: ChoiceContext,
  draft: HelpRequestRow,
  action: 'publish' | 'rewrite' | 'cancel',
  rest = '',
): Promise<void> {
  if (draft.requesterId !== ctx.person.id) throw new UserFacingError('router.stale_choice');
  if (draft.status !== 'draft') throw new UserFacingError('aid.already_published');
  const locale = languageIn(ctx.deps, rest.split(':')[1]);
  if (action === 'publish') return publishRequest(ctx.deps, draft, ctx.now, locale);
  // A draft never published is nobody's business once dropped: removed, not kept as withdrawn.
  if (!(await deleteDraft(ctx.deps.db, draft.id)))
    throw new UserFacingError('aid.already_published');
  if (action === 'cancel') {
    await ctx.reply(ctx.deps.i18n.t(locale ?? ctx.locale)('aid.preview_cancelled'));
    return;
  }
  await askDescription(ctx.deps, ctx.person.id, draft.chatId, ctx.now, locale);
}

/**
 * The language a need's choice carries (`…:<language>`, when its words were written in
 * another than the chat's). Untrusted: only one of the bot's languages, else the chat's.
 */
function languageIn(deps: Deps, word: string | undefined): Locale | undefined {
  return word !== undefined && isLocale(word) && deps.i18n.available.includes(word)
    ? word
    : undefined;
}

/** `aid:ncat:<draft>:<category>[:<language>]`: the preview comes in the question's language. */
function pickNeedCategory(t: T, draft: HelpRequestRow, locale?: Locale): OutboundMessage {
  return {
    kind: 'text',
    text: t('aid.pick_need_category'),
    choices: helpCategories.map((c) => [
      {
        label: t(`aid.categories.${c}`),
        data: `aid:ncat:${draft.id}:${c}${locale ? `:${locale}` : ''}`,
      },
    ]),
  };
}

/** `aid:ncat:<draft>:<category>`, the draft's group checked by the router. */
export async function chooseNeedCategory(
  ctx: ChoiceContext,
  draft: HelpRequestRow,
  rest: string,
): Promise<void> {
  const [, category = '', language] = rest.split(':');
  if (draft.requesterId !== ctx.person.id || !isHelpCategory(category)) {
    throw new UserFacingError('router.stale_choice');
  }
  if (draft.status !== 'draft') throw new UserFacingError('aid.already_published');
  await saveRequestCategory(ctx.deps.db, draft.id, category);
  await preview(ctx.deps, { ...draft, category }, languageIn(ctx.deps, language));
}

/**
 * The `ask` deep link: `ask-g<group>` (describe a need for that group) or `ask-<draft>` (a
 * need typed in the group, continued here).
 */
export const askLink = defineStartPayload({
  reaches: (ctx, rest): Promise<Reach<ChatRow | HelpRequestRow> | undefined> =>
    rest.startsWith('g')
      ? groupNamed(ctx.deps, rest.slice(1))
      : rowNamed(ctx.deps, rest.replace(/-h$/, ''), findHelpRequest),
  run: async (ctx, found, rest) => {
    if (!('requesterId' in found)) {
      return askDescription(ctx.deps, ctx.person.id, found.id, ctx.now);
    }
    // `<draft>-h`: something was left out of it for speaking of health.
    return resumeDraft(ctx, found, rest.endsWith('-h'));
  },
});

async function resumeDraft(
  ctx: MessageContext,
  draft: HelpRequestRow,
  withheld: boolean,
): Promise<void> {
  if (draft.requesterId !== ctx.person.id) throw new UserFacingError('router.stale_link');
  if (draft.status !== 'draft') throw new UserFacingError('aid.already_published');
  await continueDraft(ctx.deps, draft, withheld || undefined);
}

export async function listForWithdrawal(ctx: MessageContext): Promise<void> {
  const active = await findActiveRequestsOf(ctx.deps.db, ctx.person.id);
  if (active.length === 0) throw new UserFacingError('aid.nothing_to_withdraw');
  await replyPrivately(ctx, 'aidwithdraw', (t) =>
    Promise.resolve([
      {
        kind: 'text' as const,
        text: t('aid.withdraw_which'),
        choices: active.map((r) => [
          {
            label: `${t(`aid.categories.${r.category}`)} — ${r.description.slice(0, 40)}`,
            data: `aid:withdraw:${r.id}`,
          },
        ]),
      },
    ]),
  );
}

/** The words for answering a need's requester: the need's language (requests.ts), else the chat's. */
export function inNeedLanguage(ctx: HandlerContext, request: HelpRequestRow): T {
  return ctx.person.id === request.requesterId
    ? ctx.deps.i18n.t(needLanguage(ctx.deps, request) ?? ctx.locale)
    : ctx.t;
}

export async function withdraw(ctx: ChoiceContext, request: HelpRequestRow): Promise<void> {
  if (request.requesterId !== ctx.person.id) throw new UserFacingError('router.stale_choice');
  if (!(await withdrawRequest(ctx.deps, request, ctx.now)))
    throw new UserFacingError('aid.already_closed');
  await ctx.reply(inNeedLanguage(ctx, request)('aid.withdrawn'));
}

export async function showName(ctx: ChoiceContext, request: HelpRequestRow): Promise<void> {
  if (request.requesterId !== ctx.person.id) throw new UserFacingError('router.stale_choice');
  const updated = await moveHelpRequest(ctx.deps.db, request.id, ['open', 'offered'], {
    showName: true,
  });
  if (!updated) throw new UserFacingError('aid.already_closed');
  const group = await groupLine(ctx.deps, updated.chatId);
  if (group && updated.cardMessageId && group.messenger.capabilities.editMessages) {
    await group.messenger.edit(
      group.chat.externalId,
      updated.cardMessageId,
      await cardMessage(
        ctx.deps,
        updated,
        group.t,
        group.locale,
        !group.messenger.capabilities.inlineButtons,
      ),
    );
  }
  await ctx.reply(inNeedLanguage(ctx, request)('aid.name_shown'));
}
