// Phone numbers, e-mail addresses and web links in a neighbour's own words: never on a need's
// card, a bring list or a poster, whoever typed them (a premium-rate number pinned in the
// hall, a link to anywhere). Contact goes through the bot, privately. A number spelled in
// words ("zéro six douze trente-quatre…", "sıfır beş yüz…") is one too (December 2026
// tryout: it got onto a bring list), in the six languages' number words; and a note that
// says whom to call or where to ring ("appelez Chloé au 3e") is left off what is published.
import { plain } from './plain-words.ts';

const CONTACTS = [
  // Digits of any script (Arabic-Indic "٠٦ ١٢ ٣٤ ٥٦ ٧٨" too).
  /(?:\+|00)?\p{Nd}[\p{Nd} .-]{7,}\p{Nd}/gu,
  /[\w.+-]+@[\w-]+\.[\w.-]+/g,
  /(?:https?:\/\/|www\.)\S+/gi,
  /\b[\w-]+\.(?:com|fr|net|org|io|info|biz|xyz|ly|me)(?:\/\S*)?/gi,
];

/**
 * Number words of the six languages, accents ignored (compared after `plain`): units, teens,
 * tens, and what people say reading a number out ("double", "oh"). Spanish and Portuguese
 * compounds ("veintitrés", "dezassete") start with one of them.
 */
const NUMBER_WORDS = new RegExp(
  `^(?:${[
    // French
    'zero|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze',
    'quinze|seize|vingts?|trente|quarante|cinquante|soixante|septante|huitante|octante|nonante',
    'cents?|double|triple',
    // English
    'oh|one|two|three|four|five|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen',
    'sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety',
    'hundred',
    // Portuguese
    'um|uma|dois|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|treze|catorze|quatorze',
    'quinze|dezas\\w*|dezes\\w*|dezoito|dezanove|dezenove|vinte|trinta|quarenta|cinquenta',
    'sessenta|setenta|oitenta|noventa|cem|duzentos',
    // Spanish
    'cero|uno|dos|cuatro|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieci\\w*',
    'veinte|veinti\\w*|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien',
    // Turkish (after plain: "üç" is "uc", "dört" "dort", "altı" "altı")
    'sifir|sıfır|bir|iki|uc|dort|bes|alti|altı|yedi|sekiz|dokuz|on|yirmi|otuz|kirk|kırk|elli',
    'altmis|altmıs|yetmis|seksen|doksan|yuz',
    // Arabic, "و" ("and") written onto the next number ("خمسة وعشرين")
    'و?(?:صفر|واحد|اثنان|اثنين|ثلاثة|اربعة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة|عشرين',
    'ثلاثين|اربعين|أربعين|خمسين|ستين|سبعين|ثمانين|تسعين|مية|مائة)',
  ].join('|')})$`,
  'u',
);

/** Words that join number words when a number is read out ("vingt et un", "vinte e três"). */
const JOINS = new Set(['et', 'and', 'e', 'y', 've', 'و']);

/**
 * A phone number spelled out: six number words or more in a row (a French number read out is
 * at least "zéro six" and four pairs), of which three at least are words (figures alone are
 * the patterns above's: "12/06, 13/06, 19/06" is a list of dates), joined only by spaces,
 * hyphens, dots, commas or "et". "Deux ou trois chaises" is not one.
 */
const SPELLED_RUN = 6;
const SPELLED_WORDS = 3;

function spelledNumbers(text: string): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  let count = 0;
  let words = 0;
  let start = -1;
  let end = -1;
  const close = () => {
    if (count >= SPELLED_RUN && words >= SPELLED_WORDS) runs.push({ start, end });
    count = 0;
    words = 0;
    start = -1;
  };
  for (const match of text.matchAll(/[\p{L}\p{M}\p{Nd}]+|[^\p{L}\p{M}\p{Nd}]+/gu)) {
    const token = match[0];
    const word = plain(token);
    if (/^[\p{L}\p{M}\p{Nd}]/u.test(token)) {
      const figures = /^\p{Nd}{1,4}$/u.test(token);
      if (figures || NUMBER_WORDS.test(word)) {
        if (start < 0) start = match.index;
        end = match.index + token.length;
        count++;
        if (!figures) words++;
      } else if (!(JOINS.has(word) && count > 0)) {
        close();
      }
    } else if (!/^[\s.,\-–]+$/u.test(token)) {
      close();
    }
  }
  close();
  return runs;
}

/** The text with each phone number, address and link replaced by `masked`. */
export function maskContacts(text: string, masked: string): string {
  const written = CONTACTS.reduce((masking, pattern) => masking.replace(pattern, masked), text);
  return spelledNumbers(written)
    .reverse()
    .reduce(
      (masking, { start, end }) => `${masking.slice(0, start)}${masked}${masking.slice(end)}`,
      written,
    );
}

/** Whether the text holds a phone number, an e-mail address or a web link. */
export const hasContacts = (text: string): boolean => maskContacts(text, '\u0000') !== text;

/**
 * Words that say whom to call or where to find someone, accents ignored: "appelez Chloé",
 * "sonnez au 12", "3e étage", "porte B", "call Sam", "2nd floor", "ligue à Ana", "llama a
 * Pedro", "3. kat", "الطابق". Fine for a place; not for a note on a list the whole group
 * reads and pins in the hall.
 */
const REACH = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[
    // French
    'appel\\p{L}*|telephon\\p{L}*|tel|portable|sonne[rz]?|contacte[rz]?|ecrive[sz]|joindre',
    'sms|texto|whatsapp|interphone|digicode|etage|appart\\p{L}*|appt|batiment|bat|escalier',
    'porte|chez|rdc|demandez|voir avec|\\d{1,2} ?(?:e|er|eme|ere)',
    // English
    'call|phone|ring|text|contact|floor|flat|apartment|apt|door|building|stairs|ask|knock|buzz',
    '\\d{1,2}(?:st|nd|rd|th)',
    // Portuguese, Spanish
    'ligue|ligar|liga|telemovel|celular|contacte|contato|andar|apartamento|porta|predio|bloco',
    'llam\\p{L}*|telefono|movil|piso|planta|puerta|portal|bloque|escalera',
    // Turkish (after plain: "kapı" keeps its dotless i)
    'arayin|arayın|arayabilirsiniz|telefon|numara|kat|daire|kapi|kapı|apartman|blok|merdiven',
    // Arabic, with a preposition or article written onto the word ("بالطابق")
    'اتصل\\p{L}*|[وبلف]?(?:ال)?(?:هاتف|طابق|شقة|باب|عمارة)',
  ].join('|')})(?![\\p{L}\\p{N}])`,
  'u',
);

/** Whether the text says how to reach someone: a contact, or whom to call or where to ring. */
export function hasReachDetails(text: string): boolean {
  return hasContacts(text) || REACH.test(plain(text));
}
