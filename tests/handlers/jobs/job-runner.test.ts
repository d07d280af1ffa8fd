import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/client.ts';
import { enqueueJob, enqueueJobs, findJob } from '../../../db/queries/jobs.ts';
import type { JobSpec } from '../../../handlers/feature.ts';
import { createJobRunner, retryDelayMs } from '../../../handlers/jobs/job-runner.ts';
import {
  createTestDatabase,
  resetDatabase,
  type TestDatabase,
} from '../../support/test-database.ts';
import { createMemoryLogger, createTestClock, createTestDeps } from '../../support/test-deps.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

const options = { workerId: 'w1', leaseSeconds: 60, batchSize: 10, concurrency: 4 };

function recordingSpec(kind = 'record', runs: string[] = []): JobSpec & { runs: string[] } {
  return {
    kind,
    runs,
    run: async (payload) => {
      await Promise.resolve();
      runs.push(String(payload.name));
    },
  };
}

/** An urgent job (a check-in's kind), due at `runAt`, that records 'urgent' when it runs. */
const enqueueUrgentCheckIn = (runAt: Date) =>
  enqueueJob(database.db, {
    kind: 'checkIn',
    dedupeKey: 'u',
    runAt,
    payload: { name: 'urgent' },
    urgent: true,
  });

const warningsOf = (logger: unknown) =>
  (logger as ReturnType<typeof createMemoryLogger>).entries.filter((e) => e.level === 'warn');

describe('durable jobs', () => {
  it('enqueues a key once and runs the job once it is due', async () => {
    const clock = createTestClock('2026-11-26T09:00:00Z');
    const deps = await createTestDeps(database.db, clock);
    const spec = recordingSpec();
    const runner = createJobRunner(deps, [spec], options);
    const job = {
      kind: 'record',
      dedupeKey: 'k1',
      runAt: new Date('2026-11-26T10:00:00Z'),
      payload: { name: 'a' },
    };
    expect(await enqueueJob(database.db, job)).toBe(true);
    expect(await enqueueJob(database.db, job)).toBe(false);

    expect(await runner.runDueJobs()).toBe(0);
    clock.set('2026-11-26T10:00:01Z');
    expect(await runner.runDueJobs()).toBe(1);
    expect(await runner.runDueJobs()).toBe(0);
    expect(spec.runs).toEqual(['a']);
    expect((await findJob(database.db, 'k1'))?.status).toBe('done');
  });

  it('retries a failing job with backoff, then marks it failed with its last error', async () => {
    const clock = createTestClock();
    const deps = await createTestDeps(database.db, clock);
    let calls = 0;
    const failing: JobSpec = {
      kind: 'flaky',
      run: () => {
        calls++;
        return Promise.reject(new Error(`boom ${calls}`));
      },
    };
    const runner = createJobRunner(deps, [failing], options);
    await enqueueJob(database.db, {
      kind: 'flaky',
      dedupeKey: 'f',
      runAt: clock.now(),
      maxAttempts: 2,
    });

    await runner.runDueJobs();
    let row = await findJob(database.db, 'f');
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.lastError).toContain('boom 1');
    expect(row!.runAt.getTime() - clock.now().getTime()).toBe(retryDelayMs(1));

    await runner.runDueJobs(); // not yet due again
    expect(calls).toBe(1);
    clock.advance(retryDelayMs(1));
    await runner.runDueJobs();
    row = await findJob(database.db, 'f');
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row?.lastError).toContain('boom 2');
  });

  it('catches up after downtime within the maximum lateness and drops what is too late', async () => {
    const clock = createTestClock('2026-11-26T09:00:00Z');
    const deps = await createTestDeps(database.db, clock);
    const logger = createMemoryLogger();
    deps.logger = logger;
    const spec = recordingSpec();
    const runner = createJobRunner(deps, [spec], options);
    await enqueueJob(database.db, {
      kind: 'record',
      dedupeKey: 'late-ok',
      runAt: new Date('2026-11-26T08:00:00Z'),
      payload: { name: 'late-ok' },
      maxLatenessSeconds: 2 * 3600,
    });
    await enqueueJob(database.db, {
      kind: 'record',
      dedupeKey: 'too-late',
      runAt: new Date('2026-11-25T08:00:00Z'),
      payload: { name: 'too-late' },
      maxLatenessSeconds: 3600,
    });
    await runner.runDueJobs();
    expect(spec.runs).toEqual(['late-ok']);
    expect((await findJob(database.db, 'too-late'))?.status).toBe('dropped');
    expect(
      logger.entries.some((e) => e.level === 'warn' && e.msg?.includes('maximum lateness')),
    ).toBe(true);
  });

  it('takes over a job whose worker died once the lease has expired', async () => {
    const clock = createTestClock();
    const deps = await createTestDeps(database.db, clock);
    await enqueueJob(database.db, {
      kind: 'record',
      dedupeKey: 'lease',
      runAt: clock.now(),
      payload: { name: 'x' },
    });
    // Worker w0 claims the job and dies: its stop() never runs.
    const hang: JobSpec = { kind: 'record', run: () => new Promise(() => {}) };
    void createJobRunner(deps, [hang], { ...options, workerId: 'w0' }).runDueJobs();
    await expect.poll(async () => (await findJob(database.db, 'lease'))?.status).toBe('running');

    const spec = recordingSpec();
    const survivor = createJobRunner(deps, [spec], options);
    expect(await survivor.runDueJobs()).toBe(0);
    clock.advance(61_000);
    expect(await survivor.runDueJobs()).toBe(1);
    expect(spec.runs).toEqual(['x']);
    expect((await findJob(database.db, 'lease'))?.status).toBe('done');
  });

  it('gives back claimed jobs it has not started when stopping', async () => {
    const clock = createTestClock();
    const deps = await createTestDeps(database.db, clock);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: JobSpec = { kind: 'slow', run: () => gate };
    const runner = createJobRunner(deps, [slow], { ...options, concurrency: 1 });
    for (const key of ['s1', 's2', 's3']) {
      await enqueueJob(database.db, { kind: 'slow', dedupeKey: key, runAt: clock.now() });
    }
    const round = runner.runDueJobs();
    await expect.poll(async () => (await findJob(database.db, 's1'))?.status).toBe('running');
    const stopped = runner.stop();
    release();
    await stopped;
    await round;
    expect((await findJob(database.db, 's1'))?.status).toBe('done');
    for (const key of ['s2', 's3']) {
      expect(await findJob(database.db, key)).toMatchObject({
        status: 'pending',
        attempts: 0,
        lockedBy: null,
      });
    }
  });

  it('claims the next batch while a slow job of the previous one still runs', async () => {
    const clock = createTestClock();
    const deps = await createTestDeps(database.db, clock);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const spec = recordingSpec();
    const slow: JobSpec = { kind: 'slow', run: () => gate };
    const runner = createJobRunner(deps, [slow, spec], {
      ...options,
      batchSize: 2,
      concurrency: 2,
    });
    // Claimed in the order enqueued: the slow job comes first, in the first batch.
    await enqueueJob(database.db, { kind: 'slow', dedupeKey: 'slow', runAt: clock.now() });
    const fast = ['f1', 'f2', 'f3', 'f4', 'f5'];
    const batch = fast.map((name) => ({
      kind: 'record',
      dedupeKey: name,
      runAt: clock.now(),
      payload: { name },
    }));
    expect(await enqueueJobs(database.db, batch)).toBe(5);
    expect(await enqueueJobs(database.db, batch.slice(3))).toBe(0);

    const round = runner.runDueJobs();
    await expect.poll(() => spec.runs).toEqual(fast);
    expect((await findJob(database.db, 'slow'))?.status).toBe('running');
    release();
    expect(await round).toBe(6);
  });

  it('runs an urgent job enqueued after 50 ordinary due jobs before them', async () => {
    const clock = createTestClock('2026-11-26T09:00:00Z');
    const deps = await createTestDeps(database.db, clock);
    const runs: string[] = [];
    const ordinary = recordingSpec('ordinary', runs);
    const urgent: JobSpec = { ...recordingSpec('checkIn', runs), urgent: true };
    const runner = createJobRunner(deps, [ordinary, urgent], {
      ...options,
      batchSize: 10,
      concurrency: 1,
    });
    // Due for an hour already, one a minute: all older than the urgent job.
    const backlog = Array.from({ length: 50 }, (_, i) => ({
      kind: 'ordinary',
      dedupeKey: `o${i}`,
      runAt: new Date(clock.now().getTime() - 3_600_000 + i * 60_000),
      payload: { name: `o${i}` },
    }));
    expect(await enqueueJobs(database.db, backlog)).toBe(50);
    await enqueueUrgentCheckIn(clock.now());

    expect(await runner.runDueJobs()).toBe(51);
    expect(runs[0]).toBe('urgent');
    expect(runs.slice(1)).toEqual(backlog.map((j) => j.payload.name));
    expect(warningsOf(deps.logger)).toEqual([]);
  });

  it('runs an urgent job that comes due while every slot waits on slow jobs, without waiting for them', async () => {
    const clock = createTestClock('2026-11-26T09:00:00Z');
    const deps = await createTestDeps(database.db, clock);
    const runs: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Ordinary jobs that wait, as sends do on a platform's pace.
    const slow: JobSpec = {
      kind: 'slow',
      run: async (payload) => {
        await held;
        runs.push(String(payload.name));
      },
    };
    const urgent: JobSpec = { ...recordingSpec('checkIn', runs), urgent: true };
    const runner = createJobRunner(deps, [slow, urgent], {
      ...options,
      batchSize: 5,
      concurrency: 2,
      urgentCheckMs: 20,
    });
    const backlog = Array.from({ length: 5 }, (_, i) => ({
      kind: 'slow',
      dedupeKey: `s${i}`,
      runAt: clock.now(),
      payload: { name: `s${i}` },
    }));
    await enqueueJobs(database.db, backlog);
    const round = runner.runDueJobs();
    await expect.poll(async () => (await findJob(database.db, 's1'))?.status).toBe('running');
    await enqueueUrgentCheckIn(clock.now());
    // Run by the round under way, while both slots still wait and three jobs wait to start.
    await expect.poll(() => runs).toEqual(['urgent']);
    expect((await findJob(database.db, 'u'))?.status).toBe('done');
    release();
    expect(await round).toBe(6);
    expect(runs.slice(1).sort()).toEqual(['s0', 's1', 's2', 's3', 's4']);
  });

  it('says once when a kind declared urgent was enqueued as ordinary', async () => {
    const clock = createTestClock();
    const deps = await createTestDeps(database.db, clock);
    const runs: string[] = [];
    const runner = createJobRunner(
      deps,
      [{ ...recordingSpec('checkIn', runs), urgent: true }],
      options,
    );
    for (const name of ['a', 'b']) {
      await enqueueJob(database.db, {
        kind: 'checkIn',
        dedupeKey: name,
        runAt: clock.now(),
        payload: { name },
      });
    }
    expect(await runner.runDueJobs()).toBe(2);
    expect(warningsOf(deps.logger).map((w) => [w.obj, w.msg])).toEqual([
      [
        expect.objectContaining({ kind: 'checkIn' }),
        'urgent job kind enqueued without `urgent`: it waited behind ordinary jobs',
      ],
    ]);
  });

  it('enqueues a recurring job once per period even when two instances tick', async () => {
    const clock = createTestClock();
    const deps = await createTestDeps(database.db, clock);
    const spec = recordingSpec('tick');
    const a = createJobRunner(deps, [spec], { ...options, workerId: 'a' });
    const b = createJobRunner(deps, [spec], { ...options, workerId: 'b' });
    const at = clock.now();
    await Promise.all([
      a.enqueueRecurring({ kind: 'tick', cron: '30 3 * * *' }, at),
      b.enqueueRecurring({ kind: 'tick', cron: '30 3 * * *' }, at),
    ]);
    await Promise.all([a.runDueJobs(), b.runDueJobs()]);
    expect(spec.runs).toHaveLength(1);
  });

  it('runs each job exactly once with two workers on separate connections', async () => {
    // On a server this is two connection pools racing for the same rows (as two processes
    // would); on PGlite the single connection serialises them, which must also hold.
    const second: Database = database.url
      ? await createDatabase({ url: database.url, maxConnections: 5 })
      : database;
    try {
      const clock = createTestClock();
      const runs: string[] = [];
      const specA = recordingSpec('record', runs);
      const depsA = await createTestDeps(database.db, clock);
      const depsB = await createTestDeps(second.db, clock);
      const a = createJobRunner(depsA, [specA], { ...options, workerId: 'a', batchSize: 7 });
      const b = createJobRunner(depsB, [specA], { ...options, workerId: 'b', batchSize: 7 });
      const total = 200;
      for (let i = 0; i < total; i++) {
        await enqueueJob(database.db, {
          kind: 'record',
          dedupeKey: `j${i}`,
          runAt: clock.now(),
          payload: { name: `j${i}` },
        });
      }
      const [ranA, ranB] = await Promise.all([a.runDueJobs(), b.runDueJobs()]);
      expect(ranA + ranB).toBe(total);
      expect(runs).toHaveLength(total);
      expect(new Set(runs).size).toBe(total);
      if (database.url) expect(Math.min(ranA, ranB)).toBeGreaterThan(0);
    } finally {
      if (second !== database) await second.close();
    }
  });
});
