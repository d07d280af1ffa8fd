// Housekeeping: inbound event ids are kept only as long as platforms may redeliver, finished
// jobs only as long as someone may want to look at them, and flood counts and chats' send
// windows only while they count; console sessions and login links once they are dead. The
// planner's statistics are refreshed for the tables that changed.
import { purgeConsoleAccess } from '../db/queries/console-access.ts';
import { analyzeChangedTables, deleteFloodCountsBefore } from '../db/queries/inbox.ts';
import { deleteFinishedJobsBefore } from '../db/queries/jobs.ts';
import { deleteProcessedEventsBefore } from '../db/queries/processed-events.ts';
import { deleteIdleSendLimits } from '../db/queries/send-limits.ts';
import type { Feature, JobContext } from './feature.ts';

const DAY_MS = 86_400_000;
const FINISHED_JOB_RETENTION_DAYS = 30;

async function purgeOldRecords(_payload: unknown, { deps, now }: JobContext): Promise<void> {
  const retention = deps.config.processedEventRetentionDays;
  const events = await deleteProcessedEventsBefore(
    deps.db,
    new Date(now.getTime() - retention * DAY_MS),
  );
  const jobs = await deleteFinishedJobsBefore(
    deps.db,
    new Date(now.getTime() - FINISHED_JOB_RETENTION_DAYS * DAY_MS),
  );
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const floodCounts = await deleteFloodCountsBefore(deps.db, hourAgo);
  const sendWindows = await deleteIdleSendLimits(deps.db, hourAgo);
  // Console sessions end on their own; their rows and used links go a day later at most.
  const consoleAccess = await purgeConsoleAccess(deps.db, now, DAY_MS);
  // A quiet bot's inbox seldom refreshes the statistics (it does so as it vacuums): once a
  // night, whatever changed, so that the planner knows the tables as they are.
  const analyzed = await analyzeChangedTables(deps.db);
  deps.logger.info(
    { events, jobs, floodCounts, sendWindows, consoleAccess, analyzed },
    'old records purged',
  );
}

export function createHousekeepingFeature(): Feature {
  return {
    name: 'housekeeping',
    jobs: [{ kind: 'purgeOldRecords', run: purgeOldRecords }],
    recurring: [{ kind: 'purgeOldRecords', cron: '30 3 * * *' }],
  };
}
