// Giving a kit in a chat: a short summary (what it is for, the steps, useful numbers), then
// its printable documents as PDF files, personalised for the group. If a PDF cannot be
// made, the summary has already gone out; the error is logged and the chat told.
import { findComingGatherings } from '../../db/queries/gatherings.ts';
import { countKitDelivery } from '../../db/queries/kits.ts';
import { escapeHtml, type OutboundMessage } from '../events.ts';
import type { HandlerContext } from '../feature.ts';
import { pair, quoted, type Locale, type T } from '../i18n.ts';
import type { DocumentKind, Kit } from './kit-schema.ts';
import { toDocumentCaption, toDocumentFile } from './document-name.ts';
import type { KitCatalogue } from './load-kits.ts';
import { formatDate } from '../calendar/french-dates.ts';
import { formatHours } from '../calendar/format-hours.ts';
import type { EventDetails } from './parse-personalisation.ts';
import { UnprintableTextError } from './pdf/printable-text.ts';
import type { Variant } from './pdf/rules.ts';
import { todayIn, yearMonthIn } from '../zoned-time.ts';
import { findCityOfKit, toCityLines, toPrintedCity, withCityLines } from './city-lines.ts';
import type { PrintedCity } from './pdf/printed-city.ts';
import { printedGroupName } from '../reach.ts';
import { kitExample } from './kit-example.ts';

export interface DocumentRequest {
  kind: DocumentKind;
  kit: Kit;
  locale: Locale;
  /** Absent for a group with no name (see Personalisation). */
  groupName?: string | undefined;
  date?: string;
  time?: string;
  place?: string;
  /** Where the QR code leads: the bot or the group; none on the terminal. */
  qrUrl?: string;
  /** Large print or easy to read; standard when absent. */
  variant?: Variant;
  /** The group's partner city, when it has words for this kit (city-lines.ts). */
  city?: PrintedCity;
}

/** Makes (or finds in its cache) a document's PDF. */
export type RenderKitDocument = (request: DocumentRequest) => Promise<Uint8Array>;

export function kitSummary(kit: Kit, t: T): string {
  const steps = kit.steps.map((step, i) => `${i + 1}. ${escapeHtml(step)}`).join('\n');
  // The colon as the language writes it: French puts a space before it, the others do not.
  const numbers = kit.numbers.map(
    (n) => `• ${escapeHtml(n.label)}${t('kits.pdf.colon')} <b>${escapeHtml(n.number)}</b>`,
  );
  return [
    `<b>${escapeHtml(kit.title)}</b>`,
    escapeHtml(kit.summary),
    `<b>${t('kits.steps_title')}</b>\n${steps}`,
    ...(numbers.length ? [`<b>${t('kits.numbers_title')}</b>\n${numbers.join('\n')}`] : []),
  ].join('\n\n');
}

/**
 * What the group already planned for this kit's gathering (the fête's date, time and place,
 * a galette's…) fills what the person did not type: the organiser does not retype it, and the
 * poster says the same as the invitation. What they typed wins.
 */
export async function withPlannedGathering(
  ctx: HandlerContext,
  kitId: string,
  typed: EventDetails,
): Promise<EventDetails> {
  if (ctx.chat.kind !== 'group') return typed;
  const today = todayIn(ctx.now, ctx.chat.timezone);
  const planned = (await findComingGatherings(ctx.deps.db, ctx.chat.id, today)).find(
    (g) => g.kitId === kitId && g.date !== null,
  );
  if (!planned) return typed;
  const fromPlan: EventDetails = {
    ...(planned.date ? { date: planned.date } : {}),
    ...(planned.time ? { time: planned.time } : {}),
    ...(planned.place ? { place: planned.place } : {}),
  };
  return { ...fromPlan, ...typed };
}

export async function deliverKit(
  ctx: HandlerContext,
  options: {
    catalogue: KitCatalogue;
    render: RenderKitDocument;
    id: string;
    details: EventDetails;
    /** Only these documents (the invitation of a gathering: poster and flyer). */
    documents?: DocumentKind[];
    /** Whether the kit's summary comes first (default: yes). */
    withSummary?: boolean;
    /** Large print or easy to read (default: standard). */
    variant?: Variant;
    /**
     * What the person typed after the kit's name: whether it gave details (the poster's
     * date, time and place are then said back), and the words of a sentence left out.
     */
    typed?: { details: boolean; leftOut?: string; healthLeftOut?: boolean };
  },
): Promise<void> {
  const { t, locale, chat, messenger, deps } = ctx;
  const kit = options.catalogue.get(options.id, locale);
  // What the group's partner city adds, read once for the summary and the documents.
  const city = chat.kind === 'group' ? await findCityOfKit(deps, chat, kit.id) : undefined;
  if (options.withSummary !== false) {
    await ctx.reply(withCityLines(kitSummary(kit, t), toCityLines(city, t)));
  }
  await countKitDelivery(deps.db, {
    kitId: kit.id,
    chat,
    month: yearMonthIn(ctx.now, chat.timezone),
    at: ctx.now,
  });
  if (!messenger.capabilities.documents) return;
  const { details } = options;
  let variant = options.variant ?? 'standard';
  if (variant === 'easy' && !kit.easyRead) {
    // Said before the documents: they come in large print instead.
    const withEasy = options.catalogue.ids.filter(
      (id) => options.catalogue.get(id, locale).easyRead,
    );
    const names = withEasy.map((id) => options.catalogue.get(id, locale).title).join(', ');
    await ctx.reply(t('kits.easy_not_available', { title: kit.title, names }));
    variant = 'large';
  }
  const printedCity = toPrintedCity(city, t);
  const hours = formatHours(details, locale, t);
  const request = {
    kit,
    locale,
    groupName: printedGroupName(chat),
    ...(details.date ? { date: formatDate(details.date, locale, 'long') } : {}),
    ...(hours ? { time: hours } : {}),
    ...(details.place ? { place: details.place } : {}),
    ...(messenger.botLink() ? { qrUrl: messenger.botLink() } : {}),
    ...(variant === 'standard' ? {} : { variant }),
    ...(printedCity ? { city: printedCity } : {}),
  };
  const example = kitExample(kit, t, todayIn(ctx.now, chat.timezone));
  const said = typedBack(t, example, request, options.typed);
  if (said) await ctx.reply(said);
  let failed = 0;
  const kinds = options.documents
    ? kit.documents.filter((kind) => options.documents?.includes(kind))
    : kit.documents;
  for (const kind of kinds) {
    let message: OutboundMessage;
    try {
      const data = await options.render({ ...request, kind });
      message = {
        kind: 'document',
        filename: toDocumentFile(t, kind, kit, variant),
        data,
        caption: toDocumentCaption(t, kind, kit, variant),
      };
    } catch (error) {
      // The same characters would fail every document: said once, with what to change.
      if (error instanceof UnprintableTextError) {
        deps.logger.warn({ kit: kit.id, document: kind, err: error }, 'kit document unprintable');
        await ctx.reply(t(error.key, error.vars));
        return;
      }
      failed++;
      deps.logger.error({ err: error, kit: kit.id, document: kind }, 'kit document not generated');
      continue;
    }
    await ctx.reply(message);
  }
  if (failed > 0) await ctx.reply(t('kits.documents_failed', { count: failed }));
}

/**
 * What the poster carries of what the person typed ("J'ai mis sur l'affiche : Date : …"), and
 * the words of their sentence that were not printed, with how to print a place.
 */
function typedBack(
  t: T,
  example: string,
  printed: { date?: string; time?: string; place?: string },
  typed: { details: boolean; leftOut?: string; healthLeftOut?: boolean } | undefined,
): string | undefined {
  if (!typed) return undefined;
  const lines: string[] = [];
  if (typed.details) {
    const details = (['date', 'time', 'place'] as const).flatMap((field) => {
      const value = printed[field];
      return value ? [pair(t(`kits.pdf.${field}`), escapeHtml(value), t)] : [];
    });
    if (details.length > 0) lines.push(`${t('kits.typed_printed')}\n${details.join('\n')}`);
  }
  if (typed.leftOut) {
    lines.push(
      t('kits.typed_left_out', {
        words: quoted(typed.leftOut, t),
        example: escapeHtml(example),
        interpolation: { escapeValue: false },
      }),
    );
  }
  if (typed.healthLeftOut) {
    lines.push(
      t('kits.typed_health_left_out', {
        example: escapeHtml(example),
        interpolation: { escapeValue: false },
      }),
    );
  }
  return lines.length > 0 ? lines.join('\n\n') : undefined;
}
