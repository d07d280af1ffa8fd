// The neighbours' directory: a blank grid each household may fill in, under a note that
// nobody has to write anything and that the sheet stays inside the building. It is kept all
// year: no gathering's date on it. The last column records, for the watch kits' relays,
// who agrees to be checked on during an alert (consent, never health).
import { drawSheetHeading } from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import { drawGrid } from './grid.ts';
import { CONTENT_WIDTH, FOOTER_TOP, PAGE, drawFooter, planText } from './layout.ts';

const ROWS = 16;

export function drawAnnuaire(ctx: DocumentContext): void {
  const { doc, labels, rules } = ctx;
  let y = drawSheetHeading(ctx, labels.documentNames.annuaire, { details: false });
  const note = planText(
    doc,
    `${labels.annuairePrivacyNote}\n${labels.annuaireCheckOnMe}`,
    CONTENT_WIDTH,
    {
      size: rules.size('note'),
      minSize: 8,
      maxHeight: rules.size('note', 5.2),
    },
  );
  note.draw(PAGE.margin, y);
  y += note.height + 10;
  drawGrid(ctx, {
    columns: [
      { heading: labels.annuaireFirstName, share: 0.15 },
      { heading: labels.annuaireName, share: 0.15 },
      { heading: labels.annuaireFloorDoor, share: 0.14 },
      { heading: labels.annuairePhone, share: 0.18 },
      { heading: labels.annuaireEmail, share: 0.17 },
      { heading: labels.annuaireCheckOnMeHeading, share: 0.21, tickBox: true },
    ],
    rows: Math.round(ROWS / rules.scale),
    top: y,
    bottom: FOOTER_TOP - 12,
    maxRowHeight: 32 * rules.scale,
  });
  drawFooter(doc, labels.footer);
}
