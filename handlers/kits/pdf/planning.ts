// The rota: the kit's columns (e.g. day, who, what) over its number of blank rows. A rota of
// people to call (canicule, grand froid) or of empty homes (vacances) holds people's
// details: it gets a phone column and a line saying not to put it up in the hall. The kit's
// useful numbers go in a box below.
import { drawSheetHeading } from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import { drawGrid } from './grid.ts';
import { CONTENT_WIDTH, FOOTER_TOP, PAGE, drawFooter, planText } from './layout.ts';
import { planNumbersList } from './numbers-box.ts';

const DEFAULT_ROWS = 15;

export function drawPlanning(ctx: DocumentContext): void {
  const { doc, kit, labels, rules } = ctx;
  const planning = kit.planning ?? {
    title: `${kit.title} – ${labels.documentNames.planning}`,
    columns: [labels.date, labels.annuaireName],
    rows: DEFAULT_ROWS,
    private: false,
  };
  let top = drawSheetHeading(ctx, planning.title);
  const columns = planning.columns.map((heading) => ({ heading }));
  if (planning.private) {
    columns.splice(1, 0, { heading: labels.annuairePhone });
    const note = planText(doc, labels.planningPrivate, CONTENT_WIDTH, {
      weight: 'bold',
      size: rules.size('body'),
      minSize: 9,
      maxHeight: rules.size('body', 2.6),
    });
    note.draw(PAGE.margin, top);
    top += note.height + 8;
  }
  const numbers = planNumbersList(ctx, CONTENT_WIDTH);
  const bottom = FOOTER_TOP - 12 - (numbers.height > 0 ? numbers.height + 10 : 0);
  const gridBottom = drawGrid(ctx, {
    columns,
    rows: Math.max(4, Math.round(planning.rows / rules.scale)),
    top,
    bottom,
    maxRowHeight: 50,
  });
  numbers.draw(PAGE.margin, Math.max(gridBottom + 10, bottom + 10));
  drawFooter(doc, labels.footer);
}
