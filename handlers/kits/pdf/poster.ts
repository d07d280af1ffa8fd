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
    drawPages(ctx.doc, planPoster(ctx, 1, true), at);
    return;
  }
  const plan = (factor: number) => planPoster(ctx, factor);
  const blocks = fitted(plan, BOTTOM - TOP, ctx.rules.gap, 0.5);
  drawStack(blocks, PAGE.margin, TOP, BOTTOM, ctx.rules.gap * 4);
  drawFooter(ctx.doc, ctx.labels.footer);
}

/** The poster's blocks at `factor`; `flowing` onto more pages, the notice's text is whole. */
function planPoster(ctx: DocumentContext, factor: number, flowing = false): Block[] {
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
  // A watch poster on pages that flow has the numbers to call right under its title:
  // whoever pins only the first page must show them (tryout: 15, 112, 114 were on page 2).
  const blocks =
    flowing && kit.kind === 'watch'
      ? [headline, ...main, subtitle, group, ...city, callToAction, qr]
      : [headline, subtitle, group, ...main, ...city, callToAction, qr];
  if (main.length === 0) {
    // A notice: its text takes the room the details would have had.
    const room = BOTTOM - TOP - stackHeight(blocks, rules.gap * factor) - rules.gap * factor;
    const body = planText(doc, kit.poster.body, width, {
      size: rules.size('lead', factor * 1.15),
      minSize: Math.min(rules.size('body'), 14),
      ...(flowing ? {} : { maxHeight: Math.max(room, 20) }),
      lineGap: 0.2,
    });
    blocks.splice(3, 0, body);
  }
  return blocks;
}
