// The "qui apporte quoi" sheet printed from a gathering's live list: the sheet heading (its
// title, the group, the QR code, the date/time/place strip), then the list as a table (each
// item with the quantity wanted, who brings how many, what is still missing), then blank
// rows to add items by hand, pinned next to the list in the hall.
import { drawSheetHeading } from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import { drawGrid } from './grid.ts';
import { CONTENT_WIDTH, FOOTER_TOP, PAGE, drawFooter, planText } from './layout.ts';

/** One item of the list, its words already in the group's language. */
export interface BringSheetRow {
  position: number;
  /** 'desserts (sans gluten)' */
  item: string;
  /** How many are wanted: '3'. */
  wanted: string;
  /** 'Alice (2), Bruno (1)', or ''. */
  who: string;
  /** 'il en manque 2', or what says it is complete. */
  missing: string;
}

export interface BringSheet {
  title: string;
  /** One line under the heading: how to use the blank rows. */
  instructions: string;
  /** Column headings: n°, item, wanted, who brings, missing. */
  headings: { position: string; item: string; wanted: string; who: string; missing: string };
  rows: BringSheetRow[];
  /** Said in the last printed row when the page cannot hold every item: '… et 4 autres'. */
  more: (count: number) => string;
}

/** Rows lower than this are not written in by hand: fewer blank rows, then fewer items. */
const MIN_ROW = 20;
const MIN_BLANK_ROWS = 3;

export function drawBringSheet(ctx: DocumentContext, sheet: BringSheet): void {
  const { doc, labels, rules } = ctx;
  let top = drawSheetHeading(ctx, sheet.title);
  const note = planText(doc, sheet.instructions, CONTENT_WIDTH, {
    size: rules.size('note'),
    minSize: 8,
    maxHeight: rules.size('note', 2.6),
  });
  note.draw(PAGE.margin, top);
  top += note.height + 8;
  const bottom = FOOTER_TOP - 12;
  const maxRowHeight = 30 * rules.scale;
  // What fits at the smallest comfortable row, header included (about 30 pt of it).
  const room = Math.floor((bottom - top - 30) / (MIN_ROW * rules.scale));
  let content = sheet.rows.map((row) => [
    String(row.position),
    row.item,
    row.wanted,
    row.who,
    row.missing,
  ]);
  if (content.length > room - MIN_BLANK_ROWS) {
    const kept = Math.max(1, room - MIN_BLANK_ROWS - 1);
    const left = content.length - kept;
    content = [...content.slice(0, kept), ['', sheet.more(left), '', '', '']];
  }
  const comfortable = Math.floor((bottom - top - 30) / maxRowHeight);
  const rows = Math.max(content.length + MIN_BLANK_ROWS, comfortable);
  drawGrid(ctx, {
    columns: [
      { heading: sheet.headings.position, share: 0.07 },
      { heading: sheet.headings.item, share: 0.33 },
      { heading: sheet.headings.wanted, share: 0.1 },
      { heading: sheet.headings.who, share: 0.32 },
      { heading: sheet.headings.missing, share: 0.18 },
    ],
    rows: Math.min(rows, room),
    top,
    bottom,
    maxRowHeight,
    content,
  });
  drawFooter(doc, labels.footer);
}
