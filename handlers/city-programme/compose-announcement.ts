// What a group reads when its city's local event is announced: the frame in the group's
// language, the city's name and the event's title as the city wrote them (escaped), its date
// in the group's language; the first city message a group gets also says how to stop them.
import { formatDate } from '../calendar/french-dates.ts';
import type { Locale, T } from '../i18n.ts';

export function composeAnnouncement(
  event: { partnerName: string; date: string; title: string },
  locale: Locale,
  t: T,
  options: { firstTime: boolean },
): string {
  const lines = [
    t('cityprogramme.announcement.header', { city: event.partnerName }),
    t('cityprogramme.announcement.when', { date: formatDate(event.date, locale, 'long') }),
    '',
    t('cityprogramme.announcement.title', { title: event.title }),
  ];
  if (options.firstTime) lines.push('', t('city_messages.first_note'));
  return lines.join('\n');
}
