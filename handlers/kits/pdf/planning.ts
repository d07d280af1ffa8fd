// The rota: the kit's columns (e.g. day, who, what) over its number of blank rows.
import { drawSheetHeading } from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import { drawGrid } from './grid.ts';
import { FOOTER_TOP, drawFooter } from './layout.ts';

const DEFAULT_ROWS = 15;

export function drawPlanning(ctx: DocumentContext): void {
  const { kit, labels } = ctx;
  const planning = kit.planning ?? {
    title: `${kit.title} – ${labels.documentNames.planning}`,
    columns: [labels.date, labels.annuaireName],
    rows: DEFAULT_ROWS,
  };
  const top = drawSheetHeading(ctx, planning.title);
  drawGrid(ctx, {
    columns: planning.columns.map((heading) => ({ heading })),
    rows: planning.rows,
    top,
    bottom: FOOTER_TOP - 12,
    maxRowHeight: 50,
  });
  drawFooter(ctx.doc, labels.footer);
}
