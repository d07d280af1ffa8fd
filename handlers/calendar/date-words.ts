// The words people use for months and weekdays, French and English, without accents and in
// lower case (the text is read the same way), and regex alternations built from them.

export const MONTH_WORDS: Readonly<Record<string, number>> = {
  janvier: 1,
  janv: 1,
  january: 1,
  jan: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  february: 2,
  feb: 2,
  mars: 3,
  march: 3,
  mar: 3,
  avril: 4,
  avr: 4,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juin: 6,
  june: 6,
  jun: 6,
  juillet: 7,
  juil: 7,
  july: 7,
  jul: 7,
  aout: 8,
  august: 8,
  aug: 8,
  septembre: 9,
  september: 9,
  sept: 9,
  sep: 9,
  octobre: 10,
  october: 10,
  oct: 10,
  novembre: 11,
  november: 11,
  nov: 11,
  decembre: 12,
  december: 12,
  dec: 12,
};

/** Months that may come first, English style ("May 28"); not "mar", French for Tuesday. */
export const MONTH_FIRST_WORDS: readonly string[] = [
  ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august'],
  ...['september', 'october', 'november', 'december'],
  ...['jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'],
];

/** Full weekday names: the only ones read on their own ("vendredi", "next friday"). */
export const WEEKDAY_WORDS: Readonly<Record<string, number>> = {
  dimanche: 0,
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/**
 * Abbreviations, read only just before a day number ("ven. 28 mai", "sat 30/05"): alone they
 * are ordinary words ("la mer", "un jeu", "I sat").
 */
export const WEEKDAY_ABBREVIATIONS: Readonly<Record<string, number>> = {
  dim: 0,
  lun: 1,
  mar: 2,
  mer: 3,
  jeu: 4,
  ven: 5,
  sam: 6,
  sun: 0,
  mon: 1,
  tue: 2,
  tues: 2,
  wed: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  fri: 5,
  sat: 6,
};

/** A regex alternation, longest words first so that "mars" is tried before "mar". */
export function alternation(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

/** Lower case, no accents, typographic apostrophes made plain. */
export function toPlainChar(char: string): string {
  if (char === '’' || char === 'ʼ') return "'";
  return char
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * The text made plain, with for each of its UTF-16 units the index of the character it came
 * from: a match in the plain text maps back to a span of what the person typed.
 */
export function toPlainText(text: string): { plain: string; origin: number[] } {
  let plain = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const mapped = toPlainChar(char);
    for (let k = 0; k < mapped.length; k++) origin.push(index);
    plain += mapped;
    index += char.length;
  }
  origin.push(text.length);
  return { plain, origin };
}
