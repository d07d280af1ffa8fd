// Reading when in the day something happens, beyond a single clock time (find-time.ts): a
// start ("à partir de 19h", "dès 19h", "from 7pm", "a partir de las 19h"), a span ("de 19h
// à 23h", "19h-23h", "from 7pm to 11pm", "das 19h às 23h"), a clock time with its part of the
// day ("7h du soir" is 19:00, "7 in the evening", "8 de la tarde"), or a part of the day alone
// ("samedi soir", "en soirée", "en fin d'après-midi", "in the evening", "por la tarde", "à
// noite", "akşam", "مساء"). "le midi", "al mediodía", "ao meio-dia" are noon. Parts of the day
// are read in the six languages; starts and spans in French and English, and where Spanish
// and Portuguese say them the same way. The span includes the lead words, so that a caller
// takes the whole phrase out of the text: none of it is ever a place.
import { UserFacingError } from '../errors.ts';
import { earliestMatch, toPlainText } from './date-words.ts';
import { findTime, HOUR_LEAD, TIME_SUFFIX } from './find-time.ts';

export const dayParts = ['morning', 'afternoon', 'late_afternoon', 'evening'] as const;
export type DayPart = (typeof dayParts)[number];

export interface Hours {
  /** HH:MM, 24-hour: the time, or the start of a span; absent for a part of the day alone. */
  time?: string;
  /** HH:MM: the end of a span ("de 19h à 23h"). */
  until?: string;
  /** Only a start is given ("à partir de 19h"). */
  from?: boolean;
  /** A part of the day, when no clock time is given. */
  part?: DayPart;
}

export interface FoundHours extends Hours {
  start: number;
  end: number;
}

const B = String.raw`(?<![\p{L}\d]|\d[/.:-])`;
const E = String.raw`(?![\p{L}\d])`;
/** A clock time as find-time.ts reads it (checked by findTime itself). */
const CLOCK = String.raw`(?:\d{1,2}(?:[:.h]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}\s*h(?:eures?|oras?|rs?|s)?(?:\s*\d{2})?|\d{1,2}:\d{2}|midi|minuit|noon|midnight)${TIME_SUFFIX}?`;
const BARE = String.raw`\d{1,2}`;
const SPAN_LEAD = String.raw`(?:de|from|between|entre|das|del|desde|des)\s+(?:(?:las|la|the|as|o)\s+)?`;
const SPAN_TO = String.raw`\s*(?:-|–|—|\s(?:a|to|until|till|and|et|y|e|as|ate|jusqu'?\s?a)\s+(?:(?:las|la|as)\s+)?)\s*`;
const FROM_LEAD = String.raw`(?:a\s+partir\s+(?:de|das|de\s+las)|des|from|starting\s+(?:at|from)|after|apres|desde\s+(?:las|as))\s+`;
const AT_LEAD = String.raw`(?:(?:${HOUR_LEAD}|a|vers|at|around|le|the|al|ao)\s+)?`;
const NOON = String.raw`(?:midi|noon|mediodia|meio[-\s]dia|oglen|ظهرا|الظهر)`;

/** After a clock or a bare hour: the part of the day that sets it in the afternoon. */
const HOUR_PARTS: [RegExp, 'am' | 'pm'][] = [
  [/^(?:du|in the|de la|da|a la)\s+(?:soir|evening|tarde|noche|noite|night)$/, 'pm'],
  [/^(?:de l'?\s?apres[- ]?midi|in the afternoon)$/, 'pm'],
  [/^(?:du|in the|de la|da)\s+(?:matin|morning|manana|manha)$/, 'am'],
];
const HOUR_PART = String.raw`(?:du\s+soir|du\s+matin|de\s+l'?\s?apres[- ]?midi|in\s+the\s+(?:evening|morning|afternoon)|de\s+la\s+(?:tarde|noche|manana)|da\s+(?:tarde|noite|manha))`;

/** Parts of the day alone, in the six languages (plain: no accents, lower case). */
const PARTS: [DayPart, string][] = [
  [
    'late_afternoon',
    String.raw`(?:en\s+)?fin\s+d'?\s?apres[- ]?midi|(?:in\s+the\s+)?late\s+afternoon|(?:al\s+)?final\s+de\s+la\s+tarde|(?:no\s+)?(?:fim|final)\s+da\s+tarde|aksamustu|ikindi(?:\s+vakti)?|(?:في\s+)?اخر\s+النهار|(?:عند\s+)?العصر`,
  ],
  [
    'afternoon',
    String.raw`(?:(?:dans|pendant|en\s+debut)\s+)?(?:l'?\s?|d'?\s?)?apres[- ]?midi|(?:in\s+the\s+)?afternoon|(?:(?:por|en|a)\s+la\s+)?tarde|(?:(?:a|de|na|pela)\s+)?tarde|ogleden\s+sonra|بعد\s+الظهر|بعد\s+الزوال`,
  ],
  [
    'evening',
    String.raw`(?:(?:en|dans\s+la|pendant\s+la)\s+)?soiree|(?:le\s+)?soir|(?:in\s+the\s+)?evening|(?:(?:por|en|a)\s+la\s+)?noche|(?:(?:a|de|na|pela)\s+)?noite|aksam(?:leyin)?|(?:في\s+)?المساء|مساءا?|ليلا|في\s+الليل`,
  ],
  [
    'morning',
    String.raw`(?:(?:le|en|dans\s+la|pendant\s+la)\s+)?matin(?:ee)?|(?:in\s+the\s+)?morning|(?:por|en)\s+la\s+manana|(?:(?:de|pela|na)\s+)?manha|sabah(?:leyin)?|(?:في\s+)?الصباح|صباحا`,
  ],
];

type Reading = 'span' | 'from' | 'withPart' | 'noon' | DayPart;

const PATTERNS: [Reading, RegExp][] = [
  [
    'span',
    new RegExp(
      `${B}(?:${SPAN_LEAD}(?<a>${CLOCK}|${BARE})|(?:${HOUR_LEAD}\\s+)?(?<a2>${CLOCK}))${SPAN_TO}(?<b>${CLOCK})${E}`,
      'u',
    ),
  ],
  ['from', new RegExp(`${B}${FROM_LEAD}(?<a>${CLOCK})${E}`, 'u')],
  [
    'withPart',
    new RegExp(`${B}${AT_LEAD}(?<a>${CLOCK}|${BARE})\\s+(?<part>${HOUR_PART})${E}`, 'u'),
  ],
  ['noon', new RegExp(`${B}${AT_LEAD}${NOON}${E}`, 'u')],
  ...PARTS.map(([part, source]): [Reading, RegExp] => [
    part,
    new RegExp(`${B}(?:${source})${E}`, 'u'),
  ]),
];

/** The clock time of a piece of text that is only that ("19h", "7pm", "23"). */
function clockOf(piece: string): string {
  if (/^\d{1,2}$/.test(piece)) {
    const hours = Number(piece);
    if (hours > 23) throw new UserFacingError('dates.bad_time');
    return `${String(hours).padStart(2, '0')}:00`;
  }
  const found = findTime(piece);
  if (!found) throw new UserFacingError('dates.bad_time');
  return found.time;
}

/**
 * The first time of day in the text, in any of the forms above, or a bare clock time as
 * findTime reads it; undefined when there is none. A time that cannot exist is refused
 * (dates.bad_time).
 */
export function findHours(text: string): FoundHours | undefined {
  const { plain, origin } = toPlainText(text);
  const best = earliestMatch(PATTERNS, plain);
  const clock = findTime(text);
  const span = (match: RegExpExecArray) => ({
    start: origin[match.index] ?? 0,
    end: origin[match.index + match[0].length] ?? text.length,
  });
  // A clock time alone, unless a longer reading starts there or before.
  if (clock && (!best || clock.start < (origin[best.match.index] ?? 0))) return clock;
  if (!best) return clock;
  const { reading, match } = best;
  const g = match.groups ?? {};
  switch (reading) {
    case 'span':
      return { time: clockOf(g.a ?? g.a2 ?? ''), until: clockOf(g.b ?? ''), ...span(match) };
    case 'from':
      return { time: clockOf(g.a ?? ''), from: true, ...span(match) };
    case 'withPart': {
      const half = HOUR_PARTS.find(([pattern]) =>
        pattern.test((g.part ?? '').replace(/\s+/g, ' ')),
      );
      const [clockHours = 0, minutes = 0] = clockOf(g.a ?? '')
        .split(':')
        .map(Number);
      // "7h du soir" is 19:00; "12h du matin" is midnight; "19h du soir" stays 19:00.
      let hours = clockHours;
      if (half?.[1] === 'pm' && hours < 12) hours += 12;
      if (half?.[1] === 'am' && hours === 12) hours = 0;
      const time = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
      return { time, ...span(match) };
    }
    case 'noon':
      return { time: '12:00', ...span(match) };
    default:
      return { part: reading, ...span(match) };
  }
}
