// Reading a time of day: "19h", "19h30", "19 h 30", "19 heures", "19:30", "à 19h", "vers
// 19h", "7pm", "7:30 pm", "midi", "noon", and the same in the other languages: "a las 16h",
// "às 16 horas", "saat 16:00", "16'da", "saat 16.00'da", "على الساعة 16:00". The span includes
// the words that lead to it ("à", "vers", "dès", "at", "around", "from", "a las", "às",
// "saat", "الساعة"…), so that a caller can take the whole phrase out of the text: none of it
// is ever a place. "après-midi" is not noon. A dot is not read as a time separator ("19.30"
// is a date's shape) unless "saat" or a Turkish suffix says it is a time ("saat 16.00",
// "16.00'da"); a bare hour only after such a word ("a las 16", "saat 16", "16'da").
import { UserFacingError } from '../errors.ts';
import { toPlainText } from './date-words.ts';

export interface FoundTime {
  /** HH:MM, 24-hour. */
  time: string;
  start: number;
  end: number;
}

const BEFORE = String.raw`(?<![\p{L}\d]|\d[/.:-])`;
/**
 * Words after which a number is an hour, in the plain text (no accents, Arabic folded): "a
 * las 16", "às 16" (as), "pelas 16", "saat 16", "الساعة 16", "على الساعة 16".
 */
export const HOUR_LEAD = String.raw`(?:a\s+las|a\s+la|as|pelas|por\s+volta\s+das|hacia\s+las|sobre\s+las|saat|(?:علي\s+|في\s+)?الساعه|ساعه)`;
const LEAD = String.raw`(?:(?:${HOUR_LEAD}|a|vers|des|at|around|from)\s+)?`;
/** Turkish case endings on a time: "16'da", "16:00'da", "saat 4'te", "17'ye". */
export const TIME_SUFFIX = String.raw`(?:'(?:da|de|ta|te|a|e|ya|ye|dan|den|tan|ten))`;
const CLOCK = new RegExp(
  `${BEFORE}${LEAD}(?:` +
    String.raw`(?<h1>\d{1,2})(?:[:.h](?<m1>\d{2}))?\s*(?<ampm>am|pm|a\.m\.|p\.m\.)` +
    String.raw`|(?<h2>\d{1,2})\s*h(?:eures?|oras?|rs?|s)?(?:\s*(?<m2>\d{2}))?` +
    String.raw`|(?<h3>\d{1,2}):(?<m3>\d{2})` +
    String.raw`|(?<h4>\d{1,2})(?:[.:](?<m4>\d{2}))?(?=${TIME_SUFFIX})` +
    String.raw`|(?<!-)(?<word>midi|minuit|noon|midnight)` +
    String.raw`)${TIME_SUFFIX}?(?![\p{L}\d])`,
  'u',
);
/** A bare hour, or one with a dot, after a word that makes it one: "a las 16", "saat 16.00". */
const LED_CLOCK = new RegExp(
  String.raw`${BEFORE}${HOUR_LEAD}\s+(?<h5>\d{1,2})(?:[.:](?<m5>\d{2}))?${TIME_SUFFIX}?(?![\p{L}\d]|[/.:-]\d)`,
  'u',
);

/** The first time of day in the text; a time that cannot exist (25h, 19h75, 13pm) is refused. */
export function findTime(text: string): FoundTime | undefined {
  const { plain, origin } = toPlainText(text);
  const clock = CLOCK.exec(plain);
  const led = LED_CLOCK.exec(plain);
  // The earliest; at the same place the longer ("às 16 horas", not "às 16").
  const match =
    led &&
    (!clock ||
      led.index < clock.index ||
      (led.index === clock.index && led[0].length > clock[0].length))
      ? led
      : clock;
  if (!match) return undefined;
  const g = match.groups ?? {};
  let hours: number;
  let minutes: number;
  if (g.word) {
    hours = g.word === 'midi' || g.word === 'noon' ? 12 : 0;
    minutes = 0;
  } else if (g.h1) {
    hours = Number(g.h1);
    minutes = Number(g.m1 ?? 0);
    if (hours < 1 || hours > 12) throw new UserFacingError('dates.bad_time');
    hours = (hours % 12) + (g.ampm?.startsWith('p') ? 12 : 0);
  } else {
    hours = Number(g.h2 ?? g.h3 ?? g.h4 ?? g.h5);
    minutes = Number(g.m2 ?? g.m3 ?? g.m4 ?? g.m5 ?? 0);
  }
  if (hours > 23 || minutes > 59) throw new UserFacingError('dates.bad_time');
  return {
    time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`,
    start: origin[match.index] ?? 0,
    end: origin[match.index + match[0].length] ?? text.length,
  };
}
