// Vigilance levels per département, for heat and for cold: declared by a bot administrator
// or a partner city's account, or imported from Météo-France. A change is announced once to
// every group of the département, in its language, with advice, numbers and the kit; the
// end of an alert sends the organisers its summary.
import { enqueueJob } from '../../db/queries/jobs.ts';
import { saveVigilance, type VigilanceRow } from '../../db/queries/watch.ts';
import type { Deps } from '../deps.ts';
import type { JobContext } from '../feature.ts';
import { groupLine } from '../reach.ts';
import { alertLevels, groupsOf, sendSummary, type WatchConfig } from './rounds.ts';
import { levelRank, type Hazard, type Level } from './season.ts';
import type { VigilanceReading } from './meteo-france.ts';
import { numbersLine } from './texts.ts';

const ANNOUNCE_SPACING_MS = 500;
const END_SUMMARY_WINDOW_MS = 30 * 86_400_000;

export type { VigilanceReading };

/**
 * Records a level; when it changed, plans the announcements (one job per change, which
 * fans out one job per group). Returns whether it changed.
 */
export async function applyVigilance(
  deps: Deps,
  reading: VigilanceReading,
  source: string,
  now: Date,
): Promise<{ changed: boolean; previous?: Level }> {
  const { departement, hazard, level } = reading;
  const saved = await saveVigilance(deps.db, { departement, hazard, level, source }, now);
  if (!saved) return { changed: false };
  await enqueueJob(deps.db, {
    kind: 'watchAnnounce',
    dedupeKey: `watch:announce:${departement}:${hazard}:${saved.row.version}`,
    runAt: now,
    payload: { departement, hazard, level, previous: saved.previous, version: saved.row.version },
    maxLatenessSeconds: 24 * 3600,
  });
  deps.logger.info(
    { departement, hazard, level, previous: saved.previous, source },
    'vigilance changed',
  );
  return { changed: true, previous: saved.previous };
}

export async function runAnnounce(payload: Record<string, unknown>, { deps, now }: JobContext) {
  let planned = 0;
  for await (const group of groupsOf(deps, String(payload.departement))) {
    const created = await enqueueJob(deps.db, {
      kind: 'watchAnnounceGroup',
      dedupeKey: `watch:announce:${String(payload.departement)}:${String(payload.hazard)}:${Number(payload.version)}:${group.id}`,
      runAt: new Date(now.getTime() + planned * ANNOUNCE_SPACING_MS),
      payload: { ...payload, chatId: group.id },
      maxLatenessSeconds: 12 * 3600,
    });
    if (created) planned++;
  }
}

export async function runAnnounceGroup(
  payload: Record<string, unknown>,
  { deps, now }: JobContext,
  config: WatchConfig,
) {
  const group = await groupLine(deps, Number(payload.chatId));
  if (!group) return;
  const hazard = payload.hazard as Hazard;
  const level = payload.level as Level;
  const previous = payload.previous as Level;
  const { t } = group;
  const kit = hazard === 'heat' ? 'canicule' : 'grand-froid';
  const onAlert = alertLevels(config);
  const ended = onAlert.includes(previous) && !onAlert.includes(level);
  await group.messenger.send(group.chat.externalId, {
    kind: 'text',
    text: [
      t(`watch.vigilance_${hazard}_${level}`, { departement: String(payload.departement) }),
      ...(onAlert.includes(level) ? [t('watch.rounds_on')] : []),
      numbersLine(hazard, t),
    ].join('\n\n'),
    ...(levelRank(level) > levelRank('green')
      ? { choices: [[{ label: t(`watch.kit_button_${hazard}`), data: `kit:${kit}` }]] }
      : {}),
  });
  // The alert's check-ins: those of this hazard over the last weeks (rounds only run on alert).
  if (ended) {
    const since = new Date(now.getTime() - END_SUMMARY_WINDOW_MS);
    await sendSummary(deps, group.chat.id, since, 'watch.end_summary', hazard);
  }
}

export function levelWord(row: Pick<VigilanceRow, 'level'>, t: (k: string) => string): string {
  return t(`watch.levels.${row.level}`);
}
