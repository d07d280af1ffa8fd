// What a group reads about its city's local event: its announcement, a change that matters,
// its cancellation. The frame in the group's language; the city's name, the event's title,
// place and description as the city wrote them (escaped); its date and hour in the group's
// language. A change says plainly what changed ("nouvelle date, nouveau lieu"), the event as
// it now is, and what the group had been told of those. The first city message a group gets
// also says how to stop them. A group with a second language gets each of them repeated
// briefly in it, under the first (the brief… functions, through withSecondLanguage): the frame,
// the title and the place as written, the date and the hour in that language; not the details
// nor the first time's note.
import { formatDate, formatTime } from '../calendar/french-dates.ts';
import { escapeHtml } from '../events.ts';
import type { Locale, T } from '../i18n.ts';
import type { Aspect, EventForm } from './change-rule.ts';

export interface EventToTell extends EventForm {
  partnerName: string;
  description: string | null;
}

/** "Quand : samedi 12 décembre 2026 à 18 h 30". */
function whenLine(event: EventForm, locale: Locale, t: T): string {
  const date = formatDate(event.date, locale, 'long');
  return event.time
    ? t('cityprogramme.announcement.when_at', { date, time: formatTime(event.time, locale) })
    : t('cityprogramme.announcement.when', { date });
}

/** "Quand : samedi 12 décembre 2026 à 18 h 30", "Où : …", the title, the description. */
function eventLines(event: EventToTell, locale: Locale, t: T): string[] {
  const lines = [whenLine(event, locale, t)];
  if (event.place) lines.push(t('cityprogramme.announcement.where', { place: event.place }));
  lines.push('', t('cityprogramme.announcement.title', { title: event.title }));
  if (event.description) {
    lines.push(t('cityprogramme.announcement.description', { description: event.description }));
  }
  return lines;
}

export function composeAnnouncement(
  event: EventToTell,
  locale: Locale,
  t: T,
  options: { firstTime: boolean },
): string {
  const lines = [
    t('cityprogramme.announcement.header', { city: event.partnerName }),
    ...eventLines(event, locale, t),
  ];
  if (options.firstTime) lines.push('', t('city_messages.first_note'));
  return lines.join('\n');
}

/** What a group had been told of the aspects that changed: "samedi 12 décembre · 18 h". */
function toldBefore(told: EventForm, changed: Aspect[], locale: Locale): string {
  const parts = changed.map((aspect) => {
    switch (aspect) {
      case 'date':
        return formatDate(told.date, locale, 'long');
      case 'time':
        return told.time ? formatTime(told.time, locale) : undefined;
      case 'place':
        return told.place ? escapeHtml(told.place) : undefined;
      case 'title':
        return escapeHtml(told.title);
    }
  });
  return parts.filter((part) => part !== undefined).join(' · ');
}

export function composeChange(
  event: EventToTell,
  told: EventForm,
  changed: Aspect[],
  locale: Locale,
  t: T,
): string {
  const what = changed
    .map((aspect) => t(`cityprogramme.change.aspect.${aspect}`))
    .join(t('cityprogramme.change.separator'));
  const lines = [
    t('cityprogramme.change.header', { city: event.partnerName }),
    t('cityprogramme.change.what', { changes: what }),
    ...eventLines(event, locale, t),
  ];
  const before = toldBefore(told, changed, locale);
  if (before !== '') {
    lines.push(
      '',
      t('cityprogramme.change.before', { before, interpolation: { escapeValue: false } }),
    );
  }
  return lines.join('\n');
}

export function composeCancellation(event: EventToTell, locale: Locale, t: T): string {
  return [
    t('cityprogramme.cancellation.header', { city: event.partnerName }),
    t('cityprogramme.announcement.title', { title: event.title }),
    whenLine(event, locale, t),
    '',
    t('cityprogramme.cancellation.not_happening'),
  ].join('\n');
}

/** The title, when and where, for a brief repeat (no details). */
function briefLines(event: EventToTell, locale: Locale, t: T): string[] {
  const lines = [t('cityprogramme.announcement.title', { title: event.title })];
  lines.push(whenLine(event, locale, t));
  if (event.place) lines.push(t('cityprogramme.announcement.where', { place: event.place }));
  return lines;
}

/** The announcement, briefly, in a group's second language. */
export function briefAnnouncement(event: EventToTell, locale: Locale, t: T): string {
  return [
    t('cityprogramme.announcement.header', { city: event.partnerName }),
    ...briefLines(event, locale, t),
  ].join('\n');
}

/** A change, briefly, in a group's second language: what changes, the event as it now is. */
export function briefChange(event: EventToTell, changed: Aspect[], locale: Locale, t: T): string {
  const what = changed
    .map((aspect) => t(`cityprogramme.change.aspect.${aspect}`))
    .join(t('cityprogramme.change.separator'));
  return [
    t('cityprogramme.change.header', { city: event.partnerName }),
    t('cityprogramme.change.what', { changes: what }),
    ...briefLines(event, locale, t),
  ].join('\n');
}

/** A cancellation, briefly, in a group's second language. */
export function briefCancellation(event: EventToTell, locale: Locale, t: T): string {
  return [
    t('cityprogramme.cancellation.header', { city: event.partnerName }),
    t('cityprogramme.announcement.title', { title: event.title }),
    whenLine(event, locale, t),
    t('cityprogramme.cancellation.not_happening'),
  ].join('\n');
}
