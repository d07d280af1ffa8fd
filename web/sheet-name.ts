// A sheet's name in the .xlsx and the .ods workbooks, made from its table's title. What
// LibreOffice 7.4 did with a name it dislikes, seen by opening the files (README, the city
// page), and Excel's documented rules (no Excel here to try):
// - one of []*?:/\ in it, or an apostrophe at either end: LibreOffice renames the sheet
//   "Sheet3"; Excel does not take it either;
// - a name already taken (case ignored): LibreOffice adds "_2";
// - more than 31 characters: LibreOffice keeps it, Excel does not, so a title is cut, between
//   words and with an ellipsis ("Groupes hors des villes…", not "Groupes hors des villes
//   partena").
// Arabic titles hold direction isolates around their values (handlers/i18n.ts): a cut never
// leaves one open, or the rest of the tab's text would be isolated with it.
const MAX_LENGTH = 31;
const OPENS = /[\u2066-\u2068]/g;
const CLOSE = '\u2069';
const ELLIPSIS = '…';

const trimEnds = (text: string) => text.replace(/^[\s'–]+|[\s'–]+$/g, '');

/** The title with what a sheet's name cannot hold replaced, and single spaces. */
function cleaned(title: string): string {
  return trimEnds(
    title
      .replace(/\s*:\s*/g, ' – ')
      .replaceAll('[', '(')
      .replaceAll(']', ')')
      .replace(/[*?/\\]/g, ' ')
      .replace(/\s+/g, ' '),
  );
}

function openIsolates(text: string): number {
  return (text.match(OPENS)?.length ?? 0) - text.split(CLOSE).length + 1;
}

/** The text in at most `max` characters: whole, or cut at a space with an ellipsis. */
function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  for (let end = max - 1; end > 0; end--) {
    let cut = text.slice(0, end);
    const space = cut.lastIndexOf(' ');
    // At a space, unless that would drop more than half of what fits (a very long word).
    if (space >= max / 2) cut = cut.slice(0, space);
    // Never half of a character written with two code units.
    if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
    cut = trimEnds(cut);
    const name = cut + CLOSE.repeat(Math.max(0, openIsolates(cut))) + ELLIPSIS;
    if (name.length <= max) return name;
  }
  return text.slice(0, max);
}

/** A name for the sheet of `title`, unique among `taken` (which it joins). */
export function sheetName(title: string, taken: Set<string>): string {
  const base = cleaned(title) || 'Tableau';
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '' : ` ${i}`;
    const name = fit(base, MAX_LENGTH - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}
