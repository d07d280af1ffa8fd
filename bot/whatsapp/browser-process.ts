// The WhatsApp session's Chromium, seen from outside: its profile locks and its memory.
//
// Chromium marks a profile in use with three symlinks in its user data dir (for LocalAuth,
// `<sessionDir>/session`): SingletonLock (target `<hostname>-<pid>`), SingletonSocket and
// SingletonCookie. A Chromium killed by SIGKILL or the OOM killer leaves them behind, and every
// relaunch then fails with "The profile appears to be in use by another Chromium process".
// The bot holds its own lock on the data folder (one bot process per folder), so before it
// launches its browser, a Chromium still running on this profile is an orphan of a previous
// bot process (one that was kill -9'd while its browser ran on): it is killed, but only when
// its command line names this very directory, since a pid in a stale lock may have been
// reused by an unrelated process. Call it before launching the browser, never while it runs.
//
// Linux only (/proc); elsewhere nothing is killed and memory is unknown.
import { lstat, readFile, readdir, readlink, realpath, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../handlers/ports.ts';

const SINGLETON_FILES = ['SingletonLock', 'SingletonSocket', 'SingletonCookie'] as const;
const KILL_WAIT_MS = 5_000;

export interface RemovedLocks {
  /** Paths of the Singleton* entries removed. */
  removed: string[];
  /** Pids of the orphaned Chromium (and its helper processes) killed. */
  killed: number[];
}

/**
 * Frees a Chromium user data dir left locked by a dead or orphaned browser: kills the
 * Chromium that the lock names when it still runs on this host with this directory in its
 * command line, then removes the Singleton* symlinks. A missing directory is not an error.
 */
export async function removeStaleChromiumLocks(
  userDataDir: string,
  logger?: Pick<Logger, 'info' | 'warn'>,
): Promise<RemovedLocks> {
  const dir = resolve(userDataDir);
  const killed: number[] = [];
  const holder = await readLockHolder(join(dir, 'SingletonLock'));
  if (holder && holder.host === hostname() && (await isAlive(holder.pid))) {
    if (await commandLineNames(holder.pid, dir)) {
      // Its helpers (zygote, renderers, GPU) would follow it out, but not necessarily at once.
      const tree = [holder.pid, ...(await descendantsOf(holder.pid))];
      for (const pid of tree) if (signal(pid, 'SIGKILL')) killed.push(pid);
      const gone = await waitUntilGone(killed, KILL_WAIT_MS);
      logger?.[gone ? 'info' : 'warn'](
        { userDataDir: dir, pids: killed },
        gone
          ? 'Killed an orphaned Chromium that still held the WhatsApp profile'
          : `Killed an orphaned Chromium on the WhatsApp profile, but it was still there after ${KILL_WAIT_MS} ms`,
      );
    }
  }

  const removed: string[] = [];
  for (const name of SINGLETON_FILES) {
    const path = join(dir, name);
    try {
      await lstat(path); // the entry itself: the symlinks usually dangle
      await unlink(path);
      removed.push(path);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  if (removed.length > 0) {
    logger?.info({ userDataDir: dir, removed }, 'Removed stale Chromium profile locks');
  }
  return { removed, killed };
}

/**
 * Resident memory of a process and all its descendants, in MB (one decimal): the sum of
 * each one's Pss (shared pages split between their users, so not counted twice), or VmRSS
 * when smaps_rollup cannot be read. Undefined when the process does not exist or there is no
 * /proc.
 */
export async function processTreeMemoryMb(rootPid: number): Promise<number | undefined> {
  const parents = await readParents();
  if (!parents?.has(rootPid)) return undefined;
  let kb = 0;
  for (const pid of [rootPid, ...descendantsIn(parents, rootPid)]) {
    kb += (await residentKb(pid)) ?? 0; // undefined: it exited meanwhile
  }
  return Math.round((kb / 1024) * 10) / 10;
}

async function readLockHolder(path: string): Promise<{ host: string; pid: number } | undefined> {
  let target: string;
  try {
    target = await readlink(path);
  } catch {
    return undefined; // missing, or not a symlink: nothing names a process
  }
  // The hostname may itself contain dashes: the pid follows the last one.
  const match = /^(.+)-(\d+)$/.exec(target);
  return match ? { host: match[1]!, pid: Number(match[2]) } : undefined;
}

/** Whether an argument of the process is this directory (bare or as `--flag=<dir>`). */
async function commandLineNames(pid: number, dir: string): Promise<boolean> {
  let cmdline: string;
  try {
    cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return false; // no /proc, or it exited: nothing proves it is ours
  }
  const names = new Set([dir, await realpath(dir).catch(() => dir)]);
  return cmdline.split('\0').some((arg) => {
    const value = arg.startsWith('--') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg;
    return isAbsolute(value) && names.has(resolve(value));
  });
}

/** Each process's parent, from /proc/<pid>/stat; undefined without /proc. */
async function readParents(): Promise<Map<number, number> | undefined> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return undefined;
  }
  const parents = new Map<number, number>();
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so the fields
        // are read after the last ')'.
        const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ppid = Number(fields?.[1]);
        if (Number.isInteger(ppid)) parents.set(Number(entry), ppid);
      }),
  );
  return parents;
}

function descendantsIn(parents: Map<number, number>, rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) {
    if (pid !== ppid) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const found = new Set<number>();
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of children.get(pid) ?? []) {
      if (!found.has(child) && child !== rootPid) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  return [...found];
}

async function descendantsOf(pid: number): Promise<number[]> {
  const parents = await readParents();
  return parents ? descendantsIn(parents, pid) : [];
}

async function residentKb(pid: number): Promise<number | undefined> {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => undefined);
  const pss = rollup && /^Pss:\s+(\d+) kB/m.exec(rollup);
  if (pss) return Number(pss[1]);
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  if (status === undefined) return undefined;
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return rss ? Number(rss[1]) : 0; // a zombie has no memory left
}

/** Running, not a zombie (a killed child stays one until its parent reaps it). */
async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return false;
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false; // already gone, or not ours to kill
  }
}

async function waitUntilGone(pids: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = await Promise.all(pids.map(isAlive));
    if (!alive.includes(true)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
