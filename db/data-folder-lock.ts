// One process at a time in an embedded database's data folder. PGlite is PostgreSQL in a
// single process with no locking of its own: two processes on one folder both start, and what
// one of them confirmed is lost when the other writes its own state over it. Node has no
// flock(), so the folder holds lock files, `bot.lock.<generation>`, each naming its holder
// (pid, host, boot, the process's start time on Linux, since when):
//
// - A lock file is created whole and exclusively (written aside, then hard-linked to its
//   name, which fails if the name exists), so of two processes only one creates a generation.
// - The holder of the highest generation owns the folder while it lives. A holder that died
//   (kill -9, a crash, a reboot) is recognised on the same host: its pid is gone, or now
//   belongs to a process that started at another time (a pid reused after a crash), or the
//   machine booted since. The next process then takes the next generation: nothing is deleted
//   to take over, so two processes that both find the holder dead cannot both win.
// - A holder on another host (a network folder, another container) cannot be checked from
//   here: the folder is refused until someone who can check deletes its lock file.
import { linkSync, mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { describeThisProcess, holderStatus, readHolder, type LockHolder } from './lock-holder.ts';

const LOCK_NAME = /^bot\.lock\.(\d+)$/;
const TEMPORARY_NAME = /^bot\.lock\.tmp-/;

export interface DataFolderLock {
  /** The lock file this process holds. */
  readonly file: string;
  /** Gives the folder back (when the database is closed). Safe to call more than once. */
  release(): void;
}

/** The folder is held by another process (or by this one, through another handle). */
export class DataFolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly file: string,
    readonly holder: LockHolder | undefined,
    readonly checked: boolean,
  ) {
    super(describeRefusal(folder, file, holder, checked));
    this.name = 'DataFolderLockedError';
  }
}

/**
 * Opens a database in a folder while holding the folder's lock (created if need be); closing
 * the database gives the folder back. Throws DataFolderLockedError when it is held.
 */
export async function openLocked<D extends { close(): Promise<void> }>(
  folder: string,
  open: () => Promise<D>,
): Promise<D> {
  mkdirSync(folder, { recursive: true });
  const lock = lockDataFolder(folder);
  let database: D;
  try {
    database = await open();
  } catch (error) {
    lock.release();
    throw error;
  }
  const close = () => database.close();
  return {
    ...database,
    async close() {
      try {
        await close();
      } finally {
        lock.release();
      }
    },
  };
}

export interface LockOptions {
  /**
   * Tests only: runs where another process may act unseen, between reading the holder and
   * creating the next generation.
   */
  beforeCreate?: () => void;
}

/** Takes the folder (which must exist) for this process, or throws DataFolderLockedError. */
export function lockDataFolder(folder: string, options: LockOptions = {}): DataFolderLock {
  const dir = resolve(folder);
  // Each turn either takes a generation or finds a live holder; a turn is lost only to a
  // process that took a generation in the meantime, so a few turns always settle it.
  for (let turn = 0; turn < 20; turn++) {
    const generations = listGenerations(dir);
    const top = generations.at(-1);
    if (top !== undefined) {
      const file = join(dir, `bot.lock.${top}`);
      const read = readHolder(file);
      if (read === 'gone') continue; // released just now
      const status = read === 'unreadable' ? 'unknown' : holderStatus(read);
      if (status !== 'dead') {
        throw new DataFolderLockedError(
          dir,
          file,
          read === 'unreadable' ? undefined : read,
          status === 'alive',
        );
      }
    }
    const generation = (top ?? 0) + 1;
    const holder = describeThisProcess();
    const file = join(dir, `bot.lock.${generation}`);
    options.beforeCreate?.();
    if (!createExclusively(dir, file, holder)) continue; // another process took it first
    if (listGenerations(dir).some((g) => g > generation)) {
      // Our generation had been taken, its holder had died and a later one had replaced it
      // (removing it) while we were reading: the later one owns the folder, or, if it died
      // too, the next turn goes past it.
      removeIfOurs(file, holder.token);
      continue;
    }
    removeOlder(dir, generation);
    let released = false;
    return {
      file,
      release() {
        if (released) return;
        released = true;
        removeIfOurs(file, holder.token);
      },
    };
  }
  throw new Error(`Could not lock ${dir}: its lock files kept changing (bot.lock.*)`);
}

function listGenerations(dir: string): number[] {
  return readdirSync(dir)
    .map((name) => LOCK_NAME.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Writes the holder aside, then links it to `file`: false if `file` already exists. */
function createExclusively(dir: string, file: string, holder: LockHolder): boolean {
  const temporary = join(dir, `bot.lock.tmp-${holder.pid}-${holder.token}`);
  writeFileSync(temporary, `${JSON.stringify(holder, null, 2)}\n`, { flag: 'wx' });
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    // Over NFS a retransmitted link() can answer EEXIST for a link it made: the classic
    // check is the file's link count (2 when `file` is ours).
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return statSync(temporary).nlink === 2;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function removeIfOurs(file: string, token: string): void {
  const holder = readHolder(file);
  if (typeof holder === 'object' && holder.token === token) unlinkQuietly(file);
}

/** Older generations (their holders are gone) and leftovers of a crash while locking. */
function removeOlder(dir: string, generation: number): void {
  for (const name of readdirSync(dir)) {
    const older = Number(LOCK_NAME.exec(name)?.[1]) < generation;
    const leftover = TEMPORARY_NAME.test(name) && isOlderThan(join(dir, name), 60_000, Date.now());
    if (older || leftover) unlinkQuietly(join(dir, name));
  }
}

function isOlderThan(file: string, ms: number, now: number): boolean {
  try {
    return statSync(file).mtimeMs < now - ms;
  } catch {
    return false;
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function describeRefusal(
  folder: string,
  file: string,
  holder: LockHolder | undefined,
  checked: boolean,
): string {
  if (!holder) {
    return [
      `The embedded database in ${folder} may be in use: its lock file ${file} cannot be read.`,
      `If no bot uses this folder, delete ${file} and start again.`,
    ].join('\n');
  }
  const since = holder.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const who = `process ${holder.pid} on host ${holder.host} (${holder.command}), since ${since}`;
  const sameProcess = checked && holder.pid === process.pid;
  const lines = [
    `The embedded database in ${folder} is already open, by ${sameProcess ? 'this very process' : who}.`,
    'PGlite can be opened by only one process at a time: a second one would lose what the first writes.',
  ];
  if (holder.host !== hostname()) {
    lines.push(
      `That host is another machine or container, which this one cannot check. Stop the bot ` +
        `there; if none runs there any more, delete ${file} and start again.`,
    );
  } else if (!sameProcess) {
    lines.push(`Stop that process first (kill ${holder.pid}), then start again.`);
    if (!holder.processStart) {
      lines.push(
        `If process ${holder.pid} is not a bot (its number was reused after a crash), ` +
          `delete ${file} and start again.`,
      );
    }
  }
  lines.push('Several processes need a PostgreSQL server, or a data folder each.');
  return lines.join('\n');
}
