// What the watch says: the numbers every message carries, a check-in as the referent reads
// it, and the answers. Names and outcomes only ever go privately, never to a group.
import type { CcasOfChat } from '../../db/queries/partners.ts';
import type { WatchedRow } from '../../db/queries/watch.ts';
import { formatFrenchPhone } from './ccas-phone.ts';
import { escapeHtml, type Choice } from '../events.ts';
import type { T } from '../i18n.ts';
import type { Hazard } from './season.ts';

/** Which of heat, cold, or both (heat and cold on alert at once) a text speaks of. */
function hazardWord(hazard: Hazard | readonly Hazard[]): 'heat' | 'cold' | 'both' {
  if (typeof hazard === 'string') return hazard;
  if (hazard.includes('heat') && hazard.includes('cold')) return 'both';
  return hazard.includes('cold') ? 'cold' : 'heat';
}

/** 15, 112, the CCAS (the partner city's number when it gave one), Canicule info service
 * (heat) and/or 115 (cold). */
export function numbersLine(hazard: Hazard | readonly Hazard[], t: T, ccas?: CcasOfChat): string {
  const key = `watch.numbers_${hazardWord(hazard)}`;
  return ccas
    ? t(`${key}_ccas`, { city: ccas.partnerName, phone: formatFrenchPhone(ccas.ccasPhone) })
    : t(key);
}

/** A round's heading: canicule, grand froid, or both at once. */
export function roundTitleKey(hazards: readonly Hazard[]): string {
  return `watch.round_${hazardWord(hazards)}`;
}

export function neighbourLines(watched: WatchedRow, t: T): string {
  return [
    `<b>${escapeHtml(watched.name)}</b>${watched.location ? ` (${escapeHtml(watched.location)})` : ''}`,
    ...(watched.reach ? [t('watch.reach_line', { reach: watched.reach })] : []),
  ].join('\n');
}

/** Who to call when the neighbour needs help (a line to append), when the referent gave one. */
export function emergencyContactLine(watched: WatchedRow, t: T): string {
  return watched.emergencyContact
    ? `\n${t('watch.emergency_contact_line', { contact: watched.emergencyContact })}`
    : '';
}

/** `for`: the answers of a question asked again, which name their check-in for sure. */
export function answerChoices(
  checkInId: number,
  t: T,
  stillUnreachable = false,
  action: 'ans' | 'for' = 'ans',
): Choice[][] {
  return [
    [{ label: t('watch.answer_ok'), data: `watch:${action}:${checkInId}:ok` }],
    [{ label: t('watch.answer_help'), data: `watch:${action}:${checkInId}:needs_help` }],
    [
      {
        label: t(stillUnreachable ? 'watch.answer_still_unreachable' : 'watch.answer_unreachable'),
        data: `watch:${action}:${checkInId}:unreachable`,
      },
    ],
  ];
}

/**
 * What the referent noted about a neighbour, one line each, as the neighbour reads it (the
 * consent question, /mesdonnees): nothing kept goes unsaid.
 */
export function recordedLines(
  watched: Pick<WatchedRow, 'name' | 'location' | 'reach' | 'emergencyContact'>,
  t: T,
): string[] {
  return [
    t('watch.recorded_name', { value: watched.name }),
    ...(watched.location ? [t('watch.recorded_location', { value: watched.location })] : []),
    ...(watched.reach ? [t('watch.recorded_reach', { value: watched.reach })] : []),
    t(watched.emergencyContact ? 'watch.recorded_contact' : 'watch.recorded_no_contact', {
      value: watched.emergencyContact ?? '',
    }),
  ].map((line) => `• ${line}`);
}
