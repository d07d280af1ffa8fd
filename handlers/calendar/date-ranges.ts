// Periods in people's words, for needs that span days: "du 20 au 27 décembre", "du 28 décembre
// au 3 janvier", "entre le 20 et le 27", "cette semaine", "ce week-end" (and their English).
// Spanish and Portuguese ("del 20 al 27 de diciembre", "de 20 a 27 de dezembro", "entre el 20
// y el 27"), and "this week" and "this weekend" in Arabic, Portuguese, Spanish and Turkish.
// Read as a range, not as its last day (issue 15: "du 20 au 27 décembre" had become "dimanche
// 27 décembre"). The end is read by findDate, so every way of writing a date works there.
import { MONTH_WORDS, alternation, toPlainText } from './date-words.ts';
import { findDate, type FindDateOptions } from './french-dates.ts';
import { addDays, daysInMonth, splitIso, toIso, weekdayOf } from './iso-dates.ts';

export interface FoundRange {
  /** YYYY-MM-DD, first and last day (included); never before today. */
  from: string;
  until: string;
  /** The span of text the range was read from: text.slice(start, end). */
  start: number;
  end: number;
}

const MONTHS = alternation(Object.keys(MONTH_WORDS));
const BETWEEN = new RegExp(
  `(?<![\\p{L}\\d])(?:du|from|entre(?: le| el| o| a)?|between(?: the)?|del|de)\\s+(\\d{1,2})(?:er|st|nd|rd|th)?` +
    `(?:\\s+(?:de\\s+)?(${MONTHS}))?\\s+(?:au|to|until|till|jusqu au|et(?: le)?|and(?: the)?|al|hasta(?: el)?|y(?: el)?|a|ate(?: o| a)?|e(?: o| a)?)\\s+`,
  'u',
);
const THIS_WEEK =
  /(?<![\p{L}\d])(?:cette semaine|this week|esta semana|bu hafta(?!\s*sonu)|هذا الاسبوع|had simana|had l ?ousbou3)(?![\p{L}\d])/u;
const WEEKEND =
  /(?<![\p{L}\d])(?:ce week[ -]?end|this week[ -]?end|este fin de semana|este fim de semana|bu hafta ?sonu|نهايه هذا الاسبوع|هاد الويكاند|had l ?weekend)(?![\p{L}\d])/u;

/** The first period in the text, or undefined (then a single date may still be there). */
export function findDateRange(
  text: string,
  today: string,
  options: FindDateOptions = {},
): FoundRange | undefined {
  const { plain, origin } = toPlainText(text);
  const at = (index: number) => origin[index] ?? text.length;
  const between = BETWEEN.exec(plain);
  if (between) {
    const restStart = at(between.index + between[0].length);
    const end = findDate(text.slice(restStart), today, options);
    if (end && end.start === 0) {
      const last = splitIso(end.date);
      const day = Number(between[1]);
      const named = between[2] ? MONTH_WORDS[between[2]] : undefined;
      let month = named ?? last.month;
      let year = last.year;
      // "du 28 au 3 janvier": the first day is in the month before.
      if (named === undefined && day > last.day) month -= 1;
      if (named !== undefined && named > last.month) year -= 1;
      if (month === 0) {
        month = 12;
        year -= 1;
      }
      if (day >= 1 && day <= daysInMonth(year, month)) {
        const first = toIso(year, month, day);
        if (first <= end.date) {
          return {
            from: first < today ? today : first,
            until: end.date,
            start: at(between.index),
            end: restStart + end.end,
          };
        }
      }
    }
  }
  const week = THIS_WEEK.exec(plain);
  if (week) {
    // Until Sunday.
    const sunday = addDays(today, (7 - weekdayOf(today)) % 7);
    return {
      from: today,
      until: sunday,
      start: at(week.index),
      end: at(week.index + week[0].length),
    };
  }
  const weekend = WEEKEND.exec(plain);
  if (weekend) {
    const weekday = weekdayOf(today);
    const saturday = weekday === 0 ? addDays(today, -1) : addDays(today, (6 - weekday + 7) % 7);
    return {
      from: saturday < today ? today : saturday,
      until: addDays(saturday, 1),
      start: at(weekend.index),
      end: at(weekend.index + weekend[0].length),
    };
  }
  return undefined;
}
