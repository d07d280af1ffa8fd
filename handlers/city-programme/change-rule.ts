// Which changes of a local event are worth telling the groups already told, and which are
// not. What a neighbour acts on is when and where, and what it is called: the date, the hour
// (given, changed or removed), the place and the title. The rule, as the console explains it:
// - the date and the hour: any change;
// - the place: any change but of capitals, accents, punctuation or spacing ("salle des
//   fêtes" and "Salle des Fêtes" are one place; "Salle 2" and "Salle 3" are two);
// - the title: the same, and besides a slip of one or two letters in a title of ten letters
//   or more, with the same numbers ("Brocnate de Noël" → "Brocante de Noël"): a typo fixed;
// - the description: never, whatever its size (groups told later read the new one).
// A place gets no slip allowance: "rue de Lyon" and "rue de Lys" are two streets.

/** What a group was told of an event, and what it is now. */
export interface EventForm {
  date: string;
  time: string | null;
  place: string | null;
  title: string;
}

/** In the order the message names them. */
export const ASPECTS = ['date', 'time', 'place', 'title'] as const;
export type Aspect = (typeof ASPECTS)[number];

const TITLE_SLIP = { minLetters: 10, maxEdits: 2 };

/** What changed that matters, from what a group was told to what the event is now. */
export function whatChanged(told: EventForm, now: EventForm): Aspect[] {
  const changed: Record<Aspect, boolean> = {
    date: told.date !== now.date,
    time: (told.time ?? '') !== (now.time ?? ''),
    place: toWords(told.place) !== toWords(now.place),
    title: !isSameTitle(told.title, now.title),
  };
  return ASPECTS.filter((aspect) => changed[aspect]);
}

/** Lower case, without accents, punctuation or extra spaces. */
function toWords(text: string | null): string {
  return (text ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function isSameTitle(a: string, b: string): boolean {
  const [x, y] = [toWords(a), toWords(b)];
  if (x === y) return true;
  const numbers = (s: string) => s.replace(/\D+/g, ' ').trim();
  if (numbers(x) !== numbers(y)) return false;
  if (Math.min(x.length, y.length) < TITLE_SLIP.minLetters) return false;
  return editDistance(x, y) <= TITLE_SLIP.maxEdits;
}

/** Levenshtein's distance (titles are short: 120 characters at most). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
