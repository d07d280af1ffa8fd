// Kits on request: /kits shows the catalogue (the season's kits first), /kit <name>
// [details] gives one, personalised; once a year, in a kit's month, each group gets a short
// suggestion (durable jobs, one per group and season, an admin can turn them off).
import { findChatById } from '../../db/queries/chats.ts';
import { ownThings } from '../access.ts';
import { enqueueJob } from '../../db/queries/jobs.ts';
import { findGroupsForSuggestions, markKitSuggestionSent } from '../../db/queries/kits.ts';
import { messengerFor } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import { escapeHtml, type Platform } from '../events.ts';
import type {
  ChoiceContext,
  Feature,
  HandlerContext,
  JobContext,
  MessageContext,
} from '../feature.ts';
import { toLocale } from '../i18n.ts';
import { deliverKit, withPlannedGathering, type RenderKitDocument } from './deliver-kit.ts';
import { cityLinesFor, withCityLines } from './city-lines.ts';
import { asCommand, withoutAddress } from '../understanding/intents.ts';
import { createKitIndex } from './find-kit.ts';
import type { KitCatalogue } from './load-kits.ts';
import { inPages } from '../jobs/in-pages.ts';
import { hourIn, monthIn, todayIn } from '../zoned-time.ts';
import { createGivenKits, giveAgain } from './give-once.ts';
import {
  readEventDetails,
  readSentenceDetails,
  type EventDetails,
} from './parse-personalisation.ts';
import { takeVariant, variantPhraseIn } from './parse-variant.ts';
import type { Variant } from './pdf/rules.ts';
import { kitExample } from './kit-example.ts';
import { readKitRequest } from './read-kit-request.ts';
import { documentsIn, takeDocuments } from './parse-documents.ts';
import type { DocumentKind } from './kit-schema.ts';
import { isInSeason, orderBySeason } from './seasonal-order.ts';

/** Suggestions go out at this local hour, spread over time to respect platform pacing. */
const SUGGESTION_HOUR = 10;
const SUGGESTION_SPACING_MS = 3_000;
const GROUP_PAGE = 500;

export interface KitsOptions {
  catalogue: KitCatalogue;
  render: RenderKitDocument;
}

export function createKitsFeature({ catalogue, render }: KitsOptions): Feature {
  const index = createKitIndex(catalogue);
  const given = createGivenKits();

  /**
   * Every kit listed can be chosen: with buttons, the list and a button per kit (two a row);
   * where choices are numbered, the numbered kits are the list (a kit listed but not
   * numbered could not be chosen by its number).
   */
  async function showCatalogue(ctx: HandlerContext): Promise<void> {
    const { t, locale, chat, now } = ctx;
    const ids = orderBySeason(catalogue, now, chat.timezone);
    const title = (id: string) => catalogue.get(id, locale).title;
    const inSeason = ids.filter((id) => isInSeason(catalogue, id, now, chat.timezone));
    const buttons = ctx.messenger.capabilities.inlineButtons;
    const lines = buttons
      ? ids.map((id) => {
          const mark = inSeason.includes(id) ? ` — ${t('kits.in_season')}` : '';
          return `• <b>${escapeHtml(title(id))}</b>${mark}`;
        })
      : inSeason.length > 0
        ? [
            t('kits.in_season_line', {
              kits: inSeason.map((id) => escapeHtml(title(id))).join(', '),
              interpolation: { escapeValue: false },
            }),
          ]
        : [];
    const choices = ids.map((id) => ({ label: title(id), data: `kit:${id}` }));
    await ctx.reply({
      kind: 'text',
      text: [t('kits.catalogue_title'), lines.join('\n'), t('kits.catalogue_hint')]
        .filter(Boolean)
        .join('\n\n'),
      choices: buttons
        ? Array.from({ length: Math.ceil(choices.length / 2) }, (_, i) =>
            choices.slice(i * 2, i * 2 + 2),
          )
        : choices.map((c) => [c]),
    });
  }

  /**
   * `/kit <name> [details]`; or a kit named in a sentence (`sentence`), whose other words
   * give a date and a time but never a place.
   */
  async function giveKit(
    ctx: MessageContext,
    sentence?: { id: string; after: string; text: string },
  ): Promise<void> {
    const args = ctx.event.command?.args ?? '';
    const words = ctx.deps.i18n.commandWords;
    const today = todayIn(ctx.now, ctx.chat.timezone);
    if (sentence) {
      // "le kit canicule en gros caractères pour samedi": a phrase names the version anywhere
      // in a sentence (a single word like "facile" is too common there); the words after the
      // kit's name, without it, give a date and a time, never a place.
      const variant = variantPhraseIn(sentence.text, words) ?? 'standard';
      const after = takeDocuments(sentence.after, words).rest;
      const { rest } = takeVariant(after, words, today, [], { singleWords: false });
      const read = withKitExample(sentence.id, ctx, today, () =>
        readSentenceDetails(rest, today, ctx.locale, words),
      );
      return giveRequested(ctx, sentence.id, variant, read, documentsIn(sentence.text, words));
    }
    if (args.trim() === '') return showCatalogue(ctx);
    // "/kit canicule affiche", "/kit affiche canicule": the poster only.
    let found = readKitRequest(args, index, words, today);
    let documents: DocumentKind[] = [];
    if ('suggestions' in found) {
      const taken = takeDocuments(args, words);
      const named = taken.rest === '' ? found : readKitRequest(taken.rest, index, words, today);
      if ('id' in named) {
        found = named;
        documents = taken.documents;
      }
    } else {
      const taken = takeDocuments(found.rest, words);
      found = { ...found, rest: taken.rest };
      documents = taken.documents;
    }
    if ('suggestions' in found) {
      const names = found.suggestions.map((id) => catalogue.get(id, ctx.locale).title);
      await ctx.reply({
        kind: 'text',
        text: ctx.t('kits.not_found', { query: args.slice(0, 40), names: names.join(', ') }),
        choices: found.suggestions.map((id) => [
          { label: catalogue.get(id, ctx.locale).title, data: `kit:${id}` },
        ]),
      });
      return;
    }
    // Nothing about health goes on a poster the hall will show ("/kit canicule je suis
    // tombée", after the numbers; "samedi 19h chez Mme Martin, diabétique"): the date and time
    // do, the place is left off (parse-personalisation.ts).
    const typed = found.rest;
    const read = withKitExample(found.id, ctx, today, () =>
      readEventDetails(typed, today, ctx.locale, words),
    );
    await giveRequested(ctx, found.id, found.variant, read, documents);
  }

  /** The kit's refusals of what was typed show an example of that kit, in its season. */
  function withKitExample<R>(id: string, ctx: MessageContext, today: string, read: () => R): R {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof UserFacingError) || !error.key.startsWith('kits.')) throw error;
      const example = kitExample(catalogue.get(id, ctx.locale), ctx.t, today);
      throw new UserFacingError(error.key, { ...error.vars, example });
    }
  }

  /** `documents`: those asked for by name (the poster…); none, or none the kit has: all. */
  async function giveRequested(
    ctx: MessageContext,
    id: string,
    variant: Variant,
    read: { details: EventDetails; leftOut?: string; healthLeftOut?: boolean },
    documents: DocumentKind[],
  ): Promise<void> {
    const kit = catalogue.get(id, ctx.locale);
    const wanted = kit.documents.filter((kind) => documents.includes(kind));
    const deliver = async () =>
      deliverKit(ctx, {
        catalogue,
        render,
        id,
        ...(wanted.length > 0 ? { documents: wanted } : {}),
        details: await withPlannedGathering(ctx, id, read.details),
        variant,
        // What they typed is said back: what the poster carries, what was left out.
        typed: {
          details: Object.keys(read.details).length > 0,
          ...(read.leftOut ? { leftOut: read.leftOut } : {}),
          ...(read.healthLeftOut ? { healthLeftOut: true } : {}),
        },
      });
    // Asked for by name, it is given; the whole kit as a press gives it is remembered.
    const whole = wanted.length === 0 && variant === 'standard' && !read.leftOut;
    if (whole && Object.keys(read.details).length === 0) return given.giveWhole(ctx, id, deliver);
    await deliver();
  }

  async function chooseKit(ctx: ChoiceContext, id: string): Promise<void> {
    if (!catalogue.ids.includes(id)) throw new UserFacingError('router.stale_choice');
    // Pressed again in a group that has it above (each neighbour's "1" to a heat alert).
    const at = given.givenLately(ctx, id);
    if (at) return giveAgain(ctx, { catalogue, render, id, at });
    await given.giveWhole(ctx, id, async () =>
      deliverKit(ctx, {
        catalogue,
        render,
        id,
        details: await withPlannedGathering(ctx, id, {}),
      }),
    );
  }

  /** For each group whose kit-of-the-month it is, one suggestion job (deduplicated). */
  async function planSuggestions(_payload: unknown, { deps, now }: JobContext): Promise<void> {
    let planned = 0;
    const groups = inPages(
      (after) => findGroupsForSuggestions(deps.db, after, GROUP_PAGE),
      (group) => group.id,
    );
    for await (const group of groups) {
      // Hourly, so that every group hears at its own 10 o'clock (overseas included).
      if (hourIn(now, group.timezone) !== SUGGESTION_HOUR) continue;
      const month = monthIn(now, group.timezone);
      const year = todayIn(now, group.timezone).slice(0, 4);
      for (const id of catalogue.ids) {
        if (catalogue.get(id, 'fr').suggestMonth !== month) continue;
        const created = await enqueueJob(deps.db, {
          kind: 'sendKitSuggestion',
          dedupeKey: `kit-suggestion:${group.id}:${id}:${year}`,
          runAt: new Date(now.getTime() + planned * SUGGESTION_SPACING_MS),
          payload: { chatId: group.id, kitId: id, season: `${id}:${year}` },
          maxLatenessSeconds: 6 * 3600,
        });
        if (created) planned++;
      }
    }
    deps.logger.info({ planned }, 'seasonal kit suggestions planned');
  }

  async function sendSuggestion(
    payload: Record<string, unknown>,
    { deps }: JobContext,
  ): Promise<void> {
    const chat = await findChatById(deps.db, Number(payload.chatId));
    const kitId = String(payload.kitId);
    if (!chat?.active || !chat.kitSuggestions || !catalogue.ids.includes(kitId)) return;
    // Recorded before sending: a retry after a crash stays silent rather than repeating.
    if (!(await markKitSuggestionSent(deps.db, chat.id, String(payload.season)))) return;
    const locale = toLocale(chat.locale);
    const t = deps.i18n.t(locale);
    const kit = catalogue.get(kitId, locale);
    const city = await cityLinesFor(deps, chat, kit.id, t);
    await messengerFor(deps, chat.platform as Platform).send(chat.externalId, {
      kind: 'text',
      text: withCityLines(t('kits.suggestion', { title: kit.title, summary: kit.summary }), city),
      choices: [
        [{ label: t('kits.suggestion_button', { title: kit.title }), data: `kit:${kit.id}` }],
      ],
    });
  }

  return {
    name: 'kits',
    commands: [
      {
        names: { fr: 'kits', en: 'kits' },
        descriptionKey: 'kits.description',
        where: 'any',
        run: showCatalogue,
      },
      {
        names: { fr: 'kit', en: 'kit' },
        descriptionKey: 'kits.description_kit',
        where: 'any',
        run: giveKit,
      },
    ],
    intents: [
      {
        name: 'kits.kit',
        where: 'any',
        patterns: [
          /\b(?:affiche|affiches|kit|kits|flyer|flyers|invitation|invitations|poster|posters|document|documents|conseils|fiche|fiches|pdf|prospectus|tract|leaflet|tips|imprimer|print)\b/,
        ],
        offer: (t) => t('understanding.offer_kit'),
        run: (ctx, text) => {
          const found = index.mentioned(withoutAddress(text));
          if (!found) return giveKit(asCommand(ctx, 'kit', ''));
          return giveKit(asCommand(ctx, 'kit', found.id), { ...found, text });
        },
      },
    ],
    // The catalogue is nobody's data: a kit button works for anyone, anywhere.
    choices: [
      {
        prefix: 'kit',
        where: 'any',
        reaches: ownThings,
        run: (ctx, _, id) => chooseKit(ctx, id),
        // The catalogue (a single kit offered is named by its time).
        listName: (ctx, _, menu) =>
          Promise.resolve(menu.options.length > 1 ? ctx.t('kits.list_name') : undefined),
      },
    ],
    jobs: [
      { kind: 'planKitSuggestions', run: planSuggestions },
      { kind: 'sendKitSuggestion', run: sendSuggestion },
    ],
    recurring: [{ kind: 'planKitSuggestions', cron: '0 * * * *' }],
  };
}
