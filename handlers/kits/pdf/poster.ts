// The poster for the hall, read from a few metres away: the date, time and place are the
// largest thing on it (never under 36 pt), or, when none is known, lines to write them on;
// the watch kits (canicule, grand froid) put the emergency numbers there instead, with the
// relay's name and door to fill in. Then the group's name, one short line of what to do,
// the QR code with what it is for. The blocks share out the whole page, so that no third
// of it is left empty; when they do not fit, everything but the details is set smaller.
import {
  eventDetails,
  keepTogether,
  missingDetails,
  planDetailRows,
  planGroupName,
  planQrBlock,
} from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import { drawEasyPoster } from './easy-read.ts';
import { planFillInRows } from './fill-in.ts';
import {
  CONTENT_WIDTH,
  FOOTER_TOP,
  PAGE,
  drawFooter,
  drawPages,
  toPages,
  drawStack,
  fitted,
  planText,
  stackHeight,
  type Block,
} from './layout.ts';
import { planNumberCells } from './numbers-box.ts';
import { POSTER_DETAIL_MIN } from './rules.ts';

const TOP = PAGE.margin - 8;
const BOTTOM = FOOTER_TOP - 10;

export function drawPoster(ctx: DocumentContext): void {
  if (ctx.rules.variant === 'easy' && ctx.kit.easyRead) {
    drawEasyPoster(ctx);
    return;
  }
  if (ctx.rules.variant !== 'standard') {
    // Large print keeps its sizes (1.5×, nothing under 16 pt) and goes onto a second page
    // when the first is full, rather than shrinking back to the standard's size.
    const { gap } = ctx.rules;
    const at = { top: TOP, bottom: BOTTOM, gap, maxGap: gap * 4, footer: ctx.labels.footer };
    drawPages(ctx.doc, planFlowingPages(ctx), at);
    return;
  }
  const plan = (factor: number) => inOrder(planPosterParts(ctx, factor));
  const blocks = fitted(plan, BOTTOM - TOP, ctx.rules.gap, 0.5);
  drawStack(blocks, PAGE.margin, TOP, BOTTOM, ctx.rules.gap * 4);
  drawFooter(ctx.doc, ctx.labels.footer);
}

/** A poster's blocks, by what they are for. */
interface PosterParts {
  headline: Block;
  subtitle: Block;
  group: Block;
  /** The details or the lines to write them on, the numbers and the relay (watch kits). */
  main: Block[];
  /** A notice's text, when there is nothing in `main`. */
  body?: Block;
  /** The city's lines, the call to action and the QR code. */
  rest: Block[];
  /** A watch kit's: its numbers to call come right under the title on pages that flow. */
  watch: boolean;
}

/** The order the poster reads in on one page. */
function inOrder({ headline, subtitle, group, main, body, rest }: PosterParts): Block[] {
  return [headline, subtitle, group, ...(body ? [body] : []), ...main, ...rest];
}

/**
 * Large print on pages that flow: whoever pins only the first page must see what the poster
 * is for. The numbers to call of a watch poster come right under its title (tryout: 15, 112,
 * 114 were on page 2); a gathering's date, time and place (or the lines to write them on)
 * stay in the reading order when the first page holds them, else the subtitle, then the
 * group's name too, give way to them (tryout: the fête's details were on page 2). When even
 * the title and the details overflow the page (a long Arabic date and place), everything is
 * set smaller together, down to 0.7 of the large size (the details at 42 pt, nothing under
 * 16 pt): the details stay the largest thing on the page.
 */
function planFlowingPages(ctx: DocumentContext): Block[][] {
  const { gap } = ctx.rules;
  // The watch posters keep their order and size: the numbers first, on the first page.
  if (ctx.kit.kind === 'watch')
    return toPages(ordersOf(planPosterParts(ctx, 1, true), true)[0]!, BOTTOM - TOP, gap);
  // Not below 0.7: the labels above the details (27 pt) would reach the 16 pt floor, where
  // an Arabic label no longer fits the height planned for it.
  const smallest = Math.max(0.7, POSTER_DETAIL_MIN / ctx.rules.size('detail'));
  // The group's name stays on the first page too if a little smaller type is enough.
  const tries = [
    { withGroup: true, down: 0.8 },
    { withGroup: false, down: smallest },
  ];
  for (const { withGroup, down } of tries) {
    for (let factor = 1; factor > down - 0.001; factor -= 0.05) {
      const parts = planPosterParts(ctx, factor, true);
      const pages = toFlowingPages(parts, BOTTOM - TOP, gap * factor, withGroup);
      if (pages) return pages;
    }
  }
  // Nothing fits: the full size, in the order that starts with what the poster is for.
  const [first = []] = ordersOf(planPosterParts(ctx, 1, true), true);
  return toPages(first, BOTTOM - TOP, gap);
}

/** The orders a poster on pages that flow may read in, the preferred first. */
function ordersOf(parts: PosterParts, withGroup: boolean): Block[][] {
  const { headline, subtitle, group, main, rest } = parts;
  const watchOrder = [headline, ...main, subtitle, group, ...rest];
  if (parts.watch) return [watchOrder];
  return [
    inOrder(parts),
    [headline, group, ...main, subtitle, ...rest],
    ...(withGroup ? [] : [watchOrder]),
  ];
}

/**
 * The pages in the first order that puts every block of `main` on the first page (with the
 * group's name, `withGroup`).
 */
function toFlowingPages(
  parts: PosterParts,
  room: number,
  gap: number,
  withGroup: boolean,
): Block[][] | undefined {
  const mainFirst = (pages: Block[][]) =>
    parts.main.every((block) => block.height === 0 || (pages[0] ?? []).includes(block));
  const orders = ordersOf(parts, withGroup);
  for (const blocks of orders) {
    const pages = toPages(blocks, room, gap);
    if (mainFirst(pages)) return pages;
  }
  return undefined;
}

/** The poster's parts at `factor`; `flowing` onto more pages, the notice's text is whole. */
function planPosterParts(ctx: DocumentContext, factor: number, flowing = false): PosterParts {
  const { doc, kit, labels, rules } = ctx;
  const width = CONTENT_WIDTH;
  // On pages that flow, text keeps its size: it takes the lines it needs.
  const upTo = (height: number) => (flowing ? {} : { maxHeight: height });
  const headline = planText(doc, keepTogether(kit.poster.headline, kit.title), width, {
    weight: 'bold',
    size: rules.size('title', factor),
    minSize: 22,
    align: 'center',
    ...upTo(rules.size('title', factor * 2.3)),
    lineGap: 0.02,
  });
  const subtitle = planText(doc, kit.poster.subtitle, width, {
    size: rules.size('lead', factor),
    minSize: 12,
    align: 'center',
    ...upTo(rules.size('lead', factor * 3.6)),
  });
  const group = planGroupName(ctx, 'organisedBy', width, 'center', {
    prefix: rules.size('lead', factor * 0.85),
    name: rules.size('heading', factor * 1.1),
    minName: 14,
    maxNameHeight: rules.size('heading', factor * 2.5),
  });
  const detailSize = Math.max(POSTER_DETAIL_MIN, rules.size('detail', factor));
  const details = eventDetails(ctx);
  const main: Block[] = [];
  if (details.length > 0) {
    main.push(
      planDetailRows(ctx, details, width, {
        label: rules.size('lead', factor),
        value: detailSize,
        minValue: POSTER_DETAIL_MIN,
      }),
    );
  }
  // What was not given is left to write by hand (only the date given: the time and place).
  const missing = missingDetails(ctx).map((label) => ({ label }));
  if (missing.length > 0) main.push(planFillInRows(ctx, missing, width, detailSize));
  if (kit.kind === 'watch') {
    main.push(planNumberCells(ctx, width, factor));
    const relay = [{ label: labels.relayName }, { label: labels.relayDoorPhone }];
    main.push(planFillInRows(ctx, relay, width, rules.size('lead', factor * 1.35)));
  }
  // The partner city's line for this moment ("la mairie prête tables et chaises").
  const cityLines = ctx.personalisation.city?.programmeLines ?? [];
  const city = cityLines.map((line) =>
    planText(doc, line, width, {
      size: rules.size('lead', factor),
      minSize: 11,
      align: 'center',
      ...upTo(rules.size('lead', factor * 3.6)),
    }),
  );
  const callToAction = planText(doc, kit.poster.callToAction, width, {
    weight: 'bold',
    size: rules.size('lead', factor * 1.15),
    minSize: 13,
    align: 'center',
    ...upTo(rules.size('lead', factor * 3.6)),
  });
  const qr = planQrBlock(ctx, {
    size: Math.max(96, Math.round(124 * factor * Math.min(rules.scale, 1.2))),
    captionSize: rules.size('lead', factor * 1.1),
    width,
  });
  const parts = {
    headline,
    subtitle,
    group,
    main,
    rest: [...city, callToAction, qr],
    watch: kit.kind === 'watch',
  };
  if (main.length === 0) {
    // A notice: its text takes the room the details would have had.
    const blocks = inOrder(parts);
    const room = BOTTOM - TOP - stackHeight(blocks, rules.gap * factor) - rules.gap * factor;
    const body = planText(doc, kit.poster.body, width, {
      size: rules.size('lead', factor * 1.15),
      minSize: Math.min(rules.size('body'), 14),
      ...(flowing ? {} : { maxHeight: Math.max(room, 20) }),
      lineGap: 0.2,
    });
    return { ...parts, body };
  }
  return parts;
}
