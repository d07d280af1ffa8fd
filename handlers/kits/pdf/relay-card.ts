// The relay card a referent hands to a neighbour they check on: two copies on an A4, to cut
// out. It names the referent (and their backup) by first name only and leaves a line to
// write how to reach them: the card may be pinned in a hall, so it carries no phone number
// the bot knows and nothing about the neighbour it is given to. The kit's useful numbers
// close it (15, 112, 114, and the heat or cold line).
import type { DocumentContext } from './document-types.ts';
import { planFillInRow } from './fill-in.ts';
import {
  CONTENT_WIDTH,
  FOOTER_TOP,
  PAGE,
  drawBox,
  drawDashedLine,
  drawFooter,
  drawStack,
  fitted,
  planText,
  type Block,
} from './layout.ts';
import { planNumbersList } from './numbers-box.ts';

export interface RelayCard {
  /** 'Votre voisin·e relais' */
  heading: string;
  /** The referent's first name. */
  referent: string;
  /** 'Pour me joindre (porte, téléphone)' */
  reachMe: string;
  /** 'Si je ne réponds pas : Bruno', when there is a backup. */
  backup?: string;
  /** The backup's fill-in: 'Pour joindre Bruno'. */
  reachBackup?: string;
  /** One line above the numbers: 'En cas d'urgence, appelez d'abord :'. */
  emergency: string;
}

const COPIES = 2;
const PAD = 16;

export function drawRelayCards(ctx: DocumentContext, card: RelayCard): void {
  const { doc, labels } = ctx;
  const cutGap = 24;
  const cardHeight = (FOOTER_TOP - 8 - PAGE.margin + 5 - cutGap * (COPIES - 1)) / COPIES;
  const inner = CONTENT_WIDTH - 2 * PAD;
  const blocks = fitted(
    (factor) => planCard(ctx, card, inner, factor),
    cardHeight - 2 * PAD,
    ctx.rules.gap,
    0.6,
  );
  for (let copy = 0; copy < COPIES; copy++) {
    const top = PAGE.margin - 5 + copy * (cardHeight + cutGap);
    drawStack(blocks, PAGE.margin + PAD, top + PAD, top + cardHeight - PAD, ctx.rules.gap * 2);
    drawBox(doc, PAGE.margin, top, CONTENT_WIDTH, cardHeight, 2);
    if (copy > 0) {
      const y = top - cutGap / 2;
      drawDashedLine(doc, PAGE.margin, y, PAGE.margin + CONTENT_WIDTH);
      planText(doc, labels.cutHere, 80, { size: 7, align: 'right' }).draw(
        PAGE.margin + CONTENT_WIDTH - 80,
        y - 9,
      );
    }
  }
  drawFooter(doc, labels.footer);
}

function planCard(ctx: DocumentContext, card: RelayCard, width: number, factor: number): Block[] {
  const { doc, rules, labels, personalisation } = ctx;
  const { groupName } = personalisation;
  const forWhom = groupName
    ? // The lead-in is a phrase of its own ("Pour les voisins"): no article to guess before
      // the name ("de la Résidence", "du 12 rue…"), a dot between them.
      `${labels.forNeighboursOf} · ${groupName}`
    : labels.forNeighboursOfUnnamed;
  const group = planText(doc, forWhom, width, {
    size: rules.size('note', factor),
    minSize: 8,
    maxHeight: rules.size('note', factor * 2.6),
  });
  const heading = planText(doc, `${card.heading}${labels.colon}`, width, {
    size: rules.size('lead', factor),
    minSize: 10,
    maxHeight: rules.size('lead', factor * 2.6),
  });
  const name = planText(doc, card.referent, width, {
    weight: 'bold',
    size: rules.size('title', factor),
    minSize: 14,
    oneLineDownTo: 14,
    maxHeight: rules.size('title', factor * 1.3),
  });
  const fillSize = rules.size('body', factor);
  const reach = planFillInRow(ctx, [{ label: card.reachMe }], width, fillSize);
  const backup = card.backup
    ? planText(doc, card.backup, width, {
        weight: 'bold',
        size: rules.size('body', factor * 1.1),
        minSize: 9,
        maxHeight: rules.size('body', factor * 2.8),
      })
    : undefined;
  const reachBackup = card.reachBackup
    ? planFillInRow(ctx, [{ label: card.reachBackup }], width, fillSize)
    : undefined;
  const emergency = planText(doc, card.emergency, width, {
    weight: 'bold',
    size: rules.size('body', factor),
    minSize: 9,
    maxHeight: rules.size('body', factor * 2.6),
  });
  return [
    stacked([group, heading, name], 2),
    stacked(backup && reachBackup ? [reach, backup, reachBackup] : [reach], 4),
    stacked([emergency, planNumbersList(ctx, width)], 4),
  ];
}

/** Blocks one under the other with a fixed gap: one block for the card's stack. */
function stacked(blocks: Block[], gap: number): Block {
  const shown = blocks.filter((block) => block.height > 0);
  const height =
    shown.reduce((sum, block) => sum + block.height, 0) + gap * Math.max(0, shown.length - 1);
  return {
    height,
    draw: (x, y) => {
      let top = y;
      for (const block of shown) {
        block.draw(x, top);
        top += block.height + gap;
      }
    },
  };
}
