// The WhatsApp Chromium's profile locks and memory (bot/whatsapp/browser-process.ts), on real
// folders and real processes: node children stand in for Chromium and its helpers, with the
// user data dir in their command line as Chromium has it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  processTreeMemoryMb,
  removeStaleChromiumLocks,
} from '../../../bot/whatsapp/browser-process.ts';

const LOCKS = ['SingletonLock', 'SingletonSocket', 'SingletonCookie'];
const IDLE = 'setInterval(() => {}, 1e3)';
/** Prints the pid of a child it starts (a renderer, say), then idles. */
const WITH_HELPER = `const c = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(IDLE)}], { stdio: 'ignore' }); console.log(c.pid); ${IDLE}`;
/** 30 MB of touched pages, under a name with spaces and parentheses; exits with its parent. */
const LEAF = `process.title = 'leaf) (x 1 2'; globalThis.kept = Buffer.alloc(30 * 2 ** 20, 7); console.log('ready'); process.stdin.on('end', () => process.exit()).resume(); ${IDLE}`;
const ROOT = `const { spawn } = require('node:child_process');
const leaves = [0, 1].map(() => spawn(process.execPath, ['-e', ${JSON.stringify(LEAF)}], { stdio: ['pipe', 'pipe', 'inherit'] }));
Promise.all(leaves.map((l) => new Promise((ok) => l.stdout.once('data', ok)))).then(() => console.log(leaves.map((l) => l.pid).join(' ')));
process.stdin.on('end', () => process.exit()).resume();`;

/** Gone, or a zombie waiting for its parent: either way it holds nothing. */
function isGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] === 'Z';
  } catch {
    return true;
  }
}

describe.skipIf(process.platform !== 'linux')('the WhatsApp Chromium process', () => {
  const folders: string[] = [];
  const children: ChildProcess[] = [];
  const extraPids: number[] = [];

  const newProfile = () => {
    const folder = mkdtempSync(join(tmpdir(), 'vsb-chromium-'));
    folders.push(folder);
    const profile = join(folder, 'session');
    mkdirSync(join(profile, 'Default'), { recursive: true });
    writeFileSync(join(profile, 'Default', 'Preferences'), '{}');
    return profile;
  };
  const lockBy = (profile: string, holder: string) => {
    symlinkSync(holder, join(profile, 'SingletonLock'));
    symlinkSync(
      '/tmp/.org.chromium.Chromium.gone/SingletonSocket',
      join(profile, 'SingletonSocket'),
    );
    symlinkSync('8841955917413069311', join(profile, 'SingletonCookie'));
  };
  const start = async (code: string, args: string[] = []) => {
    const child = spawn(process.execPath, ['-e', code, '--', ...args], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(child);
    await once(child, 'spawn');
    return child;
  };
  const firstLine = async (child: ChildProcess) =>
    String((await once(child.stdout!, 'data'))[0]).trim();
  const remainingLocks = (profile: string) =>
    LOCKS.filter((name) => {
      try {
        lstatSync(join(profile, name));
        return true;
      } catch {
        return false;
      }
    });

  afterEach(async () => {
    for (const pid of extraPids.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'close');
      }
    }
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  describe('stale profile locks', () => {
    it('removes the dangling Singleton* symlinks a killed Chromium left, and nothing else', async () => {
      const profile = newProfile();
      lockBy(profile, `${hostname()}-4194303`); // the highest pid Linux hands out: none here

      const result = await removeStaleChromiumLocks(profile);

      expect(result.killed).toEqual([]);
      expect(result.removed.sort()).toEqual(LOCKS.map((name) => join(profile, name)).sort());
      expect(remainingLocks(profile)).toEqual([]);
      expect(existsSync(join(profile, 'Default', 'Preferences'))).toBe(true);
    });

    it('kills an orphaned Chromium still running on this profile, with its helpers', async () => {
      const profile = newProfile();
      const orphan = await start(WITH_HELPER, [`--user-data-dir=${profile}`]);
      const helper = Number(await firstLine(orphan));
      extraPids.push(helper);
      lockBy(profile, `${hostname()}-${orphan.pid}`);
      const exited = once(orphan, 'exit');

      const result = await removeStaleChromiumLocks(profile);

      expect(result.killed).toEqual([orphan.pid, helper]);
      expect((await exited)[1]).toBe('SIGKILL');
      expect(isGone(helper)).toBe(true);
      expect(remainingLocks(profile)).toEqual([]);
    });

    it('takes a bare argument naming the profile as Chromium’s too', async () => {
      const profile = newProfile();
      const orphan = await start(IDLE, [profile]);
      lockBy(profile, `${hostname()}-${orphan.pid}`);

      expect((await removeStaleChromiumLocks(profile)).killed).toEqual([orphan.pid]);
      expect(orphan.signalCode ?? (await once(orphan, 'exit'))[1]).toBe('SIGKILL');
    });

    it('never kills a live process whose command line does not name this profile (a reused pid)', async () => {
      const profile = newProfile();
      lockBy(profile, `${hostname()}-${process.pid}`);

      const result = await removeStaleChromiumLocks(profile);

      expect(result.killed).toEqual([]);
      expect(result.removed).toHaveLength(3);
      expect(remainingLocks(profile)).toEqual([]);
    });

    it('does not take a sibling folder whose name starts like the profile’s for it', async () => {
      const profile = newProfile();
      const other = await start(IDLE, [`--user-data-dir=${profile}-copy`]);
      lockBy(profile, `${hostname()}-${other.pid}`);

      const result = await removeStaleChromiumLocks(profile);

      expect(result.killed).toEqual([]);
      expect(remainingLocks(profile)).toEqual([]);
      expect(isGone(other.pid!)).toBe(false);
    });

    it('does not kill a process named by a lock from another host', async () => {
      const profile = newProfile();
      const local = await start(IDLE, [`--user-data-dir=${profile}`]);
      lockBy(profile, `another-host-${local.pid}`);

      const result = await removeStaleChromiumLocks(profile);

      expect(result.killed).toEqual([]);
      expect(remainingLocks(profile)).toEqual([]);
      expect(isGone(local.pid!)).toBe(false);
    });

    it('has nothing to do in a missing folder or one without locks', async () => {
      const profile = newProfile();
      const empty = { removed: [], killed: [] };
      expect(await removeStaleChromiumLocks(profile)).toEqual(empty);
      expect(await removeStaleChromiumLocks(join(profile, 'missing'))).toEqual(empty);
    });
  });

  describe('memory of a process tree', () => {
    it('adds up the process and all its descendants', async () => {
      const root = await start(ROOT);
      const leaves = (await firstLine(root)).split(' ').map(Number);
      extraPids.push(...leaves);

      const leafMb = await Promise.all(leaves.map(processTreeMemoryMb));
      const treeMb = await processTreeMemoryMb(root.pid!);

      for (const mb of leafMb) expect(mb).toBeGreaterThanOrEqual(30);
      const sumOfLeaves = leafMb.reduce<number>((sum, mb) => sum + (mb ?? 0), 0);
      expect(treeMb).toBeGreaterThanOrEqual(60);
      // The root's own memory is counted as well (a node process: well over 5 MB).
      expect(treeMb).toBeGreaterThan(sumOfLeaves + 5);
    });

    it('is unknown for a process that does not exist', async () => {
      expect(await processTreeMemoryMb(4194303)).toBeUndefined();
    });
  });
});
