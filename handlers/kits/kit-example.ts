// The example a kit's messages show for personalising its documents ("/kit noel 15/12 19h cour
// intérieure"): the kit's own short name and a date of its season, so that the Noël kit does
// not suggest a date in May (tryout). The fête des voisins shows this year's national date;
// a kit of all seasons, a date two weeks ahead.
import { defaultFeteDate } from '../calendar/fete-date.ts';
import { addDays, compareIso } from '../calendar/french-dates.ts';
import { toIso } from '../calendar/iso-dates.ts';
import type { T } from '../i18n.ts';
import type { Kit } from './kit-schema.ts';

const SEASON_DAY = 15;

export function kitExample(kit: Kit, t: T, today: string): string {
  return t('kits.example', {
    kit: shortName(kit),
    date: exampleDate(kit, today).slice(5).split('-').reverse().join('/'),
  });
}

/** The id when it is one word ("noel"), else the first one-word alias ("fete", "party"). */
function shortName(kit: Kit): string {
  if (!kit.id.includes('-')) return kit.id;
  return kit.aliases.find((alias) => /^[\p{L}\d]+$/u.test(alias)) ?? kit.id;
}

/** An ISO date in the kit's season: the middle of its months, the next such day. */
function exampleDate(kit: Kit, today: string): string {
  const year = Number(today.slice(0, 4));
  if (kit.id === 'fete-des-voisins') {
    const date = defaultFeteDate(year).date;
    return compareIso(date, today) >= 0 ? date : defaultFeteDate(year + 1).date;
  }
  const month = kit.months[Math.floor((kit.months.length - 1) / 2)];
  if (month === undefined) return addDays(today, 14);
  const date = toIso(year, month, SEASON_DAY);
  return compareIso(date, today) >= 0 ? date : toIso(year + 1, month, SEASON_DAY);
}
