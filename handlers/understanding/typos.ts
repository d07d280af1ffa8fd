// Names read through one slip of the keyboard ("c'est quand la galete ?", "la fette des
// voisins"): a word, or a run of as many words as the name has, one edit away from a name (a
// letter missing, added or changed, or two letters swapped: the Damerau–Levenshtein distance,
// in its optimal-string-alignment form) is read as that name. Only names of five letters or
// more: a shorter one is one edit from too many ordinary words ("fete" from "tete", "fee").
// Over normalised text (normalise.ts): no accents, no capitals, single spaces.

/** Names shorter than this are read only as typed. */
const MIN_NAME_LENGTH = 5;

/** Edits from `a` to `b`, a swap of two neighbouring letters counting one. */
export function damerauDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * The text with each word (or run of words) that is one edit from one of `names` written as
 * that name; `unless`: real words one edit from a name, left as they are ("palette").
 */
export function withNamesMended(
  plain: string,
  names: readonly string[],
  unless: ReadonlySet<string> = new Set(),
): string {
  const words = plain.split(' ');
  for (const name of names) {
    if (name.length < MIN_NAME_LENGTH) continue;
    const size = name.split(' ').length;
    for (let i = 0; i + size <= words.length; i++) {
      const run = words.slice(i, i + size).join(' ');
      if (run === name || unless.has(run) || Math.abs(run.length - name.length) > 1) continue;
      if (damerauDistance(run, name) === 1) words.splice(i, size, ...name.split(' '));
    }
  }
  return words.join(' ');
}
