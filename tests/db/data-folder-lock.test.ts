// One process at a time on an embedded database's folder (db/data-folder-lock.ts): real
// folders, and real child processes that open the database as the bot does
// (tests/support/embedded-database-process.ts). Only about PGlite: skipped on a server run.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DataFolderLockedError,
  lockDataFolder,
  type DataFolderLock,
} from '../../db/data-folder-lock.ts';
import { describeThisProcess, type LockHolder } from '../../db/lock-holder.ts';
import { spawnScript, type ScriptProcess } from '../support/spawn-script.ts';
import { serverUrl } from '../support/test-database.ts';

const SCRIPT = 'tests/support/embedded-database-process.ts';
const lockFiles = (folder: string) => readdirSync(folder).filter((f) => f.startsWith('bot.lock'));
/** 'opened', or the exit code of a process that did not open the database. */
const openedOrExited = (p: ScriptProcess) =>
  Promise.race([p.waitForLine(/^ready$/).then(() => 'opened' as const), p.exited]);

describe.skipIf(Boolean(serverUrl))('the embedded database’s data folder', () => {
  const folders: string[] = [];
  const children: ScriptProcess[] = [];
  const newFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), 'vsb-lock-'));
    folders.push(folder);
    return folder;
  };
  const open = (folder: string, mode: 'hold' | 'burst' | 'count', ...flags: string[]) => {
    const child = spawnScript(SCRIPT, [folder, mode, ...flags]);
    children.push(child);
    return child;
  };
  afterEach(async () => {
    for (const { child, exited } of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('refuses a second process, saying which process holds it, since when, and what to do', async () => {
    const folder = newFolder();
    const first = open(folder, 'hold');
    await first.waitForLine(/^ready$/);

    const second = open(folder, 'hold');
    expect(await openedOrExited(second)).toBe(3);
    const message = second.stderr();
    expect(message).toContain(`The embedded database in ${folder} is already open`);
    expect(message).toContain(`process ${first.pid} on host ${hostname()}`);
    expect(message).toMatch(/since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(message).toContain(`Stop that process first (kill ${first.pid})`);
    expect(message).toContain('only one process at a time');

    // Stopped properly, the first gives the folder back: the next one opens it.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(lockFiles(folder)).toEqual([]);
    const third = open(folder, 'count');
    await third.waitForLine(/^rows 0$/);
    expect(await third.exited).toBe(0);
  }, 90_000);

  it('opens again after kill -9 of the holder during a burst of writes, with every confirmed write', async () => {
    const folder = newFolder();
    const writer = open(folder, 'burst');
    await writer.waitForLine(/^confirmed 30$/);
    writer.child.kill('SIGKILL');
    expect(await writer.exited).toBe('SIGKILL');
    const confirmed = Math.max(
      ...writer.lines.map((l) => Number(/^confirmed (\d+)$/.exec(l)?.[1] ?? 0)),
    );
    expect(lockFiles(folder)).toEqual(['bot.lock.1']); // left behind by the killed process

    const started = Date.now();
    const reader = open(folder, 'count');
    const rows = Number((await reader.waitForLine(/^rows \d+$/)).split(' ')[1]);
    expect(await reader.exited).toBe(0);
    expect(rows).toBeGreaterThanOrEqual(confirmed);
    expect(rows).toBeLessThanOrEqual(confirmed + 1); // at most the insert in flight
    expect(lockFiles(folder)).toEqual([]);
    // Reopening (a new process, PGlite's recovery, the migrations) stays a matter of seconds.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 90_000);

  it('lets exactly one of three processes in when they open at the same instant after a crash', async () => {
    const folder = newFolder();
    const crashed = open(folder, 'hold');
    await crashed.waitForLine(/^ready$/);
    crashed.child.kill('SIGKILL');
    await crashed.exited;

    const racers = [1, 2, 3].map(() => open(folder, 'hold', '--on-go'));
    await Promise.all(racers.map((r) => r.waitForLine(/^loaded$/)));
    for (const racer of racers) racer.send('go');
    const outcomes = await Promise.all(racers.map(openedOrExited));
    expect(outcomes.filter((o) => o === 'opened')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 3)).toHaveLength(2);
    const winner = racers[outcomes.indexOf('opened')]!;
    for (const loser of racers.filter((r) => r !== winner)) {
      expect(loser.stderr()).toContain(`process ${winner.pid} on host`);
    }
    expect(lockFiles(folder)).toHaveLength(1);
  }, 90_000);

  describe('lock files it finds', () => {
    const leave = (folder: string, holder: Partial<LockHolder>) => {
      const file = join(folder, 'bot.lock.1');
      writeFileSync(file, JSON.stringify({ ...describeThisProcess(), ...holder }));
      return file;
    };

    it('refuses a second handle in the same process', () => {
      const folder = newFolder();
      const lock = lockDataFolder(folder);
      expect(() => lockDataFolder(folder)).toThrow(/already open, by this very process/);
      lock.release();
      lockDataFolder(folder).release();
      expect(lockFiles(folder)).toEqual([]);
    });

    it('takes over from a process whose pid now belongs to another program', () => {
      // The pid is alive (it is this test's), but it started at another time than the holder.
      const folder = newFolder();
      leave(folder, { processStart: '1', command: 'an earlier bot' });
      const lock = lockDataFolder(folder);
      expect(lockFiles(folder)).toEqual(['bot.lock.2']);
      lock.release();
    });

    it('lets only one of two processes that both found the holder dead take over', () => {
      const folder = newFolder();
      leave(folder, { processStart: '1' }); // dead
      let other: DataFolderLock | undefined;
      // The other process does its whole takeover while this one is between reading the dead
      // holder and creating the next generation.
      const takeOver = () => (other ??= lockDataFolder(folder));
      expect(() => lockDataFolder(folder, { beforeCreate: takeOver })).toThrow(
        DataFolderLockedError,
      );
      expect(other).toBeDefined();
      expect(lockFiles(folder)).toEqual(['bot.lock.2']);
      other!.release();
    });

    it('takes over from a process that ran before the machine last booted', () => {
      const folder = newFolder();
      leave(folder, { bootId: 'a-boot-before-this-one' });
      lockDataFolder(folder).release();
    });

    it('refuses a holder on another host, which it cannot check, and names the file to delete', () => {
      const folder = newFolder();
      const file = leave(folder, { host: 'another-machine', pid: 1 });
      let refusal: unknown;
      try {
        lockDataFolder(folder);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DataFolderLockedError);
      const message = (refusal as Error).message;
      expect(message).toContain('process 1 on host another-machine');
      expect(message).toContain('another machine or container, which this one cannot check');
      expect(message).toContain(`delete ${file} and start again`);
      expect(lockFiles(folder)).toEqual(['bot.lock.1']);
    });

    it('refuses an unreadable lock file rather than guess', () => {
      const folder = newFolder();
      writeFileSync(join(folder, 'bot.lock.1'), '{"pid": 12');
      expect(() => lockDataFolder(folder)).toThrow(/cannot be read/);
    });
  });
});
