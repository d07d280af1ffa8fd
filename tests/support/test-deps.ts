// Deps for tests that call handlers and jobs directly: a real database, real locales, a
// clock the test moves, and a logger that keeps what it was told.
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../handlers/deps.ts';
import { createI18n } from '../../handlers/i18n.ts';
import { defaultServiceValues } from '../../handlers/mutual-aid/categories.ts';
import type { Clock, Logger } from '../../handlers/ports.ts';

export interface TestClock extends Clock {
  set(date: Date | string): void;
  advance(ms: number): void;
  /** Back to where it started (a clock shared by a file's tests, each starting there). */
  restart(): void;
}

export function createTestClock(start: Date | string = '2026-11-26T09:00:00Z'): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (date) => (current = new Date(date)),
    advance: (ms) => (current = new Date(current.getTime() + ms)),
    restart: () => (current = new Date(start)),
  };
}

export interface LogEntry {
  level: string;
  obj: object;
  msg?: string | undefined;
}

export function createMemoryLogger(entries: LogEntry[] = []): Logger & { entries: LogEntry[] } {
  const make = (bindings: object): Logger & { entries: LogEntry[] } => {
    const log = (level: string) => (obj: object, msg?: string) =>
      entries.push({ level, obj: { ...bindings, ...obj }, msg });
    return {
      entries,
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return make({});
}

export async function createTestDeps(db: Db, clock: Clock = createTestClock()): Promise<Deps> {
  return {
    db,
    clock,
    logger: createMemoryLogger(),
    i18n: await createI18n(),
    config: {
      maxInputLength: 4096,
      numberedChoiceTtlSeconds: 1800,
      processedEventRetentionDays: 7,
      botAdmins: [],
      gatheringSummaryMinutes: 30,
      helpServiceValues: defaultServiceValues,
      watch: {
        alertFrom: 'orange',
        roundTime: '10:00',
        redExtraTime: '17:00',
        dayFrom: '08:00',
        dayUntil: '20:00',
        reminderMinutes: 120,
        backupMinutes: 240,
        organisersMinutes: 360,
        unreachableMinutes: 60,
        historyDays: 30,
        registryKeepDays: 30,
      },
      vigilanceAccounts: {},
      cityMessageRetentionDays: 90,
    },
    messengers: new Map(),
  };
}
