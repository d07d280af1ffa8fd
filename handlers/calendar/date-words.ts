// The words people use for months, weekdays and the days around today, French and English,
// Arabic (script, folded as toPlainChar folds it, and Maghrebi Arabic in Latin letters),
// Portuguese, Spanish and Turkish, without accents and in lower case (the text is read the
// same way), and regex alternations built from them. Arabic months: the Maghreb's names
// (Morocco's "ماي", "يوليوز", "غشت", "شتنبر"; Algeria's and Tunisia's "جانفي", "جوان", "أوت")
// and the Middle East's ("مايو", "أغسطس"); not the Levant's "كانون الثاني".

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
  // Spanish and Portuguese.
  enero: 1,
  janeiro: 1,
  febrero: 2,
  fevereiro: 2,
  marzo: 3,
  marco: 3,
  abril: 4,
  mayo: 5,
  maio: 5,
  junio: 6,
  junho: 6,
  julio: 7,
  julho: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  setembro: 9,
  octubre: 10,
  outubro: 10,
  noviembre: 11,
  novembro: 11,
  diciembre: 12,
  dezembro: 12,
  // Turkish.
  ocak: 1,
  subat: 2,
  mart: 3,
  nisan: 4,
  mayis: 5,
  haziran: 6,
  temmuz: 7,
  agustos: 8,
  eylul: 9,
  ekim: 10,
  kasim: 11,
  aralik: 12,
  // Arabic.
  يناير: 1,
  جانفي: 1,
  فبراير: 2,
  فيفري: 2,
  مارس: 3,
  ابريل: 4,
  افريل: 4,
  ماي: 5,
  مايو: 5,
  يونيو: 6,
  يونيه: 6,
  جوان: 6,
  يوليو: 7,
  يوليوز: 7,
  جويليه: 7,
  اغسطس: 8,
  غشت: 8,
  اوت: 8,
  سبتمبر: 9,
  شتنبر: 9,
  اكتوبر: 10,
  نوفمبر: 11,
  نونبر: 11,
  ديسمبر: 12,
  دجنبر: 12,
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
  // Spanish and Portuguese ("sábado", "domingo" are both).
  domingo: 0,
  lunes: 1,
  martes: 2,
  miercoles: 3,
  jueves: 4,
  viernes: 5,
  sabado: 6,
  'segunda-feira': 1,
  'segunda feira': 1,
  segunda: 1,
  'terca-feira': 2,
  'terca feira': 2,
  terca: 2,
  'quarta-feira': 3,
  'quarta feira': 3,
  quarta: 3,
  'quinta-feira': 4,
  'quinta feira': 4,
  quinta: 4,
  'sexta-feira': 5,
  'sexta feira': 5,
  sexta: 5,
  // Turkish.
  pazar: 0,
  pazartesi: 1,
  sali: 2,
  carsamba: 3,
  persembe: 4,
  cuma: 5,
  cumartesi: 6,
  // Arabic, with and without the article.
  الاحد: 0,
  احد: 0,
  الاثنين: 1,
  اثنين: 1,
  الاتنين: 1,
  التنين: 1,
  الثلاثاء: 2,
  ثلاثاء: 2,
  الثلاثا: 2,
  التلات: 2,
  الاربعاء: 3,
  اربعاء: 3,
  الاربعا: 3,
  الخميس: 4,
  خميس: 4,
  الجمعه: 5,
  جمعه: 5,
  السبت: 6,
  سبت: 6,
  // Maghrebi Arabic in Latin letters ("tlata" alone is also "three": not read).
  l7ed: 0,
  lhed: 0,
  letnin: 1,
  ltnin: 1,
  tnin: 1,
  ttlat: 2,
  ltlat: 2,
  ttlata: 2,
  larb3: 3,
  larba3: 3,
  larbe3: 3,
  lkhmis: 4,
  l5mis: 4,
  lekhmis: 4,
  khmis: 4,
  ljem3a: 5,
  jem3a: 5,
  ljm3a: 5,
  jm3a: 5,
  jum3a: 5,
  ssebt: 6,
  sebt: 6,
  essebt: 6,
};

/** Today, tomorrow, the day after: days from today, in the languages of WEEKDAY_WORDS. */
export const RELATIVE_WORDS: Readonly<Record<string, number>> = {
  hoy: 0,
  hoje: 0,
  bugun: 0,
  اليوم: 0,
  lyoum: 0,
  lyom: 0,
  elyoum: 0,
  'el youm': 0,
  manana: 1,
  amanha: 1,
  yarin: 1,
  غدا: 1,
  بكره: 1,
  غدوه: 1,
  ghedda: 1,
  ghda: 1,
  ghadda: 1,
  ghedwa: 1,
  ghodwa: 1,
  'pasado manana': 2,
  'depois de amanha': 2,
  'obur gun': 2,
  'yarindan sonra': 2,
  'بعد غد': 2,
  'بعد غدا': 2,
  'بعد بكره': 2,
  'بعد غدوه': 2,
  'ba3d ghedda': 2,
  'ba3d ghda': 2,
  'b3d ghda': 2,
  'b3d ghedda': 2,
  'ba3d ghodwa': 2,
};

/** Words before a weekday that change nothing ("el viernes", "bu cuma", "يوم الجمعة"). */
export const WEEKDAY_LEADS: readonly string[] = [
  ...['next', 'this', 'on', 'ce', 'le', 'el', 'este', 'esta', 'proximo', 'proxima', 'na', 'no'],
  ...['bu', 'gelecek', 'onumuzdeki', 'haftaya', 'يوم', 'nhar', 'had'],
];

/** Words after a weekday that mean the coming one ("el viernes que viene", "الجمعة الجاية"). */
export const WEEKDAY_NEXT: readonly string[] = [
  ...['prochain', 'proximo', 'proxima', 'que viene', 'siguiente', 'que vem', 'next'],
  ...['الجايه', 'الجاي', 'القادم', 'القادمه', 'jaya', 'jay'],
];

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

/**
 * A regex alternation, longest words first so that "mars" is tried before "mar"; a space in
 * a word stands for any run of spaces.
 */
export function alternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/ /g, '\\s+'))
    .join('|');
}

/** Arabic letters whose spellings vary, folded as normalise.ts folds them; hyphens. */
const ARABIC_FOLD: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ؤ: 'و',
  ئ: 'ي',
  ى: 'ي',
  ة: 'ه',
  ـ: '',
  ı: 'i',
  // Hyphens a phone or a word processor puts in "29‑05" or "2027–06–04": read as "-".
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2212': '-',
  ...Object.fromEntries([...'٠١٢٣٤٥٦٧٨٩'].map((digit, value) => [digit, String(value)])),
};

/** Lower case, no accents, typographic apostrophes made plain. */
export function toPlainChar(char: string): string {
  if (char === '’' || char === 'ʼ') return "'";
  const folded = ARABIC_FOLD[char];
  if (folded !== undefined) return folded;
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

/**
 * Of named patterns, the one matching earliest in the text, the longest match where two start
 * at the same place; undefined when none matches.
 */
export function earliestMatch<R>(
  patterns: readonly (readonly [R, RegExp])[],
  text: string,
): { reading: R; match: RegExpExecArray } | undefined {
  let best: { reading: R; match: RegExpExecArray } | undefined;
  for (const [reading, pattern] of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (
      !best ||
      match.index < best.match.index ||
      (match.index === best.match.index && match[0].length > best.match[0].length)
    )
      best = { reading, match };
  }
  return best;
}
