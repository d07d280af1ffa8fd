// Who holds a data folder's lock (db/data-folder-lock.ts), and whether that process still
// runs. Only a process on this host can be checked: its pid must exist and, on Linux, have
// started when the holder did (a pid is reused after a crash, and in a restarted container
// the bot often gets the very pid it had); a lock from before the last boot is dead.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** What a lock file holds (JSON). */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the lock was taken (ISO 8601, UTC). */
  since: string;
  /** Linux: the kernel's boot id, which changes at every boot. */
  bootId?: string;
  /** Linux: the holder's start time in clock ticks after boot (/proc/<pid>/stat, field 22). */
  processStart?: string;
  /** How the holder was started, to recognise it in `ps`. */
  command: string;
  token: string;
}

/** This process, as a lock file names it. */
export function describeThisProcess(): LockHolder {
  const bootId = readBootId();
  const processStart = readProcessStart(process.pid);
  return {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    ...(bootId ? { bootId } : {}),
    ...(processStart ? { processStart } : {}),
    command: process.argv.slice(1).join(' ').slice(0, 300),
    token: randomBytes(8).toString('hex'),
  };
}

/** The holder a lock file names; 'gone' if it was just removed. */
export function readHolder(file: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const holder = JSON.parse(text) as Partial<LockHolder>;
    if (typeof holder.pid !== 'number' || typeof holder.host !== 'string') return 'unreadable';
    return holder as LockHolder;
  } catch {
    return 'unreadable';
  }
}

/** Alive, dead, or unknown (on another host: nothing here can tell). */
export function holderStatus(holder: LockHolder): 'alive' | 'dead' | 'unknown' {
  if (holder.host !== hostname()) return 'unknown';
  const boot = readBootId();
  if (holder.bootId && boot && holder.bootId !== boot) return 'dead'; // rebooted since
  if (!isRunning(holder.pid)) return 'dead';
  if (holder.processStart !== undefined) {
    const start = readProcessStart(holder.pid);
    if (start !== undefined) return start === holder.processStart ? 'alive' : 'dead';
  }
  // Without /proc: our own pid in a lock taken before we started was another process's.
  if (holder.pid === process.pid) {
    return Date.parse(holder.since) < Date.now() - process.uptime() * 1000 ? 'dead' : 'alive';
  }
  return 'alive';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

function readProcessStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ppid …": the command may hold spaces and parentheses.
    return stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .at(19);
  } catch {
    return undefined;
  }
}
