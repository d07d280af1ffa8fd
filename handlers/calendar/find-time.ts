// Reading a time of day: "19h", "19h30", "19 h 30", "19 heures", "19:30", "à 19h", "vers
// 19h", "7pm", "7:30 pm", "midi", "noon". The span includes a leading "à", "vers", "dès",
// "at", "around" or "from", so that a caller can take the whole phrase out of the text.
// "après-midi" is not noon. A dot is not read as a time separator ("19.30" is a date's shape).
import { UserFacingError } from '../errors.ts';
import { toPlainText } from './date-words.ts';

export interface FoundTime {
  /** HH:MM, 24-hour. */
  time: string;
  start: number;
  end: number;
}

const BEFORE = String.raw`(?<![\p{L}\d]|\d[/.:-])`;
const LEAD = String.raw`(?:(?:a|vers|des|at|around|from)\s+)?`;
const CLOCK = new RegExp(
  `${BEFORE}${LEAD}(?:` +
    String.raw`(?<h1>\d{1,2})(?:[:.h](?<m1>\d{2}))?\s*(?<ampm>am|pm|a\.m\.|p\.m\.)` +
    String.raw`|(?<h2>\d{1,2})\s*h(?:eures?)?(?:\s*(?<m2>\d{2}))?` +
    String.raw`|(?<h3>\d{1,2}):(?<m3>\d{2})` +
    String.raw`|(?<!-)(?<word>midi|minuit|noon|midnight)` +
    String.raw`)(?![\p{L}\d])`,
  'u',
);

/** The first time of day in the text; a time that cannot exist (25h, 19h75, 13pm) is refused. */
export function findTime(text: string): FoundTime | undefined {
  const { plain, origin } = toPlainText(text);
  const match = CLOCK.exec(plain);
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
    hours = Number(g.h2 ?? g.h3);
    minutes = Number(g.m2 ?? g.m3 ?? 0);
  }
  if (hours > 23 || minutes > 59) throw new UserFacingError('dates.bad_time');
  return {
    time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`,
    start: origin[match.index] ?? 0,
    end: origin[match.index + match[0].length] ?? text.length,
  };
}
