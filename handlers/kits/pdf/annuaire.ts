// The neighbours' directory: a blank grid each household may fill in, under a note that
// nobody has to write anything and that the sheet stays inside the building.
import { drawSheetHeading } from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import { drawGrid } from './grid.ts';
import { CONTENT_WIDTH, FOOTER_TOP, PAGE, drawFooter, planText } from './layout.ts';

const ROWS = 18;

export function drawAnnuaire(ctx: DocumentContext): void {
  const { doc, labels } = ctx;
  let y = drawSheetHeading(ctx, labels.documentNames.annuaire);
  const note = planText(doc, labels.annuairePrivacyNote, CONTENT_WIDTH, {
    size: 11,
    minSize: 8,
    maxHeight: 30,
  });
  note.draw(PAGE.margin, y);
  y += note.height + 10;
  drawGrid(ctx, {
    columns: [
      { heading: labels.annuaireName, share: 0.27 },
      { heading: labels.annuaireFloorDoor, share: 0.17 },
      { heading: labels.annuairePhone, share: 0.22 },
      { heading: labels.annuaireEmail, share: 0.34 },
    ],
    rows: ROWS,
    top: y,
    bottom: FOOTER_TOP - 12,
    maxRowHeight: 32,
  });
  drawFooter(doc, labels.footer);
}
