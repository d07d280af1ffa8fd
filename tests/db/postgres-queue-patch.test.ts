// postgres.js 3.4.10's pool queue, patched at install (patches/postgres+3.4.10.patch, applied
// by scripts/patch-dependencies.ts through db/postgres-queue-patch.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyPostgresQueuePatch,
  applyUnifiedDiff,
  inspectPostgresQueue,
  postgresPackageDir,
  readPostgresQueuePatch,
} from '../../db/postgres-queue-patch.ts';
import { writeUnpatchedQueueFiles } from '../support/unpatched-postgres.ts';

interface Queue<T> {
  readonly length: number;
  push(x: T): T;
  shift(): T | undefined;
  remove(x: T): T | null;
}

async function loadInstalledQueue(): Promise<<T>() => Queue<T>> {
  const url = pathToFileURL(join(postgresPackageDir(), 'src/queue.js')).href;
  const module = (await import(url)) as { default: <T>() => Queue<T> };
  return module.default;
}

const FILES = ['src/queue.js', 'cf/src/queue.js', 'cjs/src/queue.js'];

describe('the postgres.js pool queue patch', () => {
  const scratch: string[] = [];
  const scratchDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsb-pgqueue-'));
    scratch.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is applied to the installed driver (npm ci ran scripts/patch-dependencies.ts)', () => {
    expect(inspectPostgresQueue()).toEqual(FILES.map((path) => ({ path, state: 'patched' })));
  });

  it('turns the released files, known by their sha256, into the patched ones, once', () => {
    const dir = scratchDir();
    writeUnpatchedQueueFiles(dir);
    expect(inspectPostgresQueue(dir).map((f) => f.state)).toEqual([
      'upstream',
      'upstream',
      'upstream',
    ]);
    expect(applyPostgresQueuePatch(dir).map((f) => f.state)).toEqual([
      'patched',
      'patched',
      'patched',
    ]);
    for (const path of FILES) {
      expect(readFileSync(join(dir, path), 'utf8')).toBe(
        readFileSync(join(postgresPackageDir(), path), 'utf8'),
      );
    }
    // Again (npm install after npm ci): nothing to do.
    expect(applyPostgresQueuePatch(dir).map((f) => f.state)).toEqual([
      'patched',
      'patched',
      'patched',
    ]);
  });

  it('leaves a file it does not recognise alone (another release)', () => {
    const dir = scratchDir();
    for (const path of FILES) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), '// a future release\n');
    }
    expect(applyPostgresQueuePatch(dir).map((f) => f.state)).toEqual([
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(readFileSync(join(dir, 'src/queue.js'), 'utf8')).toBe('// a future release\n');
  });

  it('checks every line a hunk replaces', () => {
    expect(() =>
      applyUnifiedDiff('export default Queue\n', readPostgresQueuePatch(), 'src/queue.js'),
    ).toThrow(/src\/queue\.js:\d+ is not/);
  });

  it('keeps the queue: moves connections between queues as the pool does, in order, for a long time', async () => {
    const Queue = await loadInstalledQueue();
    interface Connection {
      id: number;
      queue: Queue<Connection>;
    }
    const open = Queue<Connection>();
    const busy = Queue<Connection>();
    for (let id = 0; id < 10; id++) open.push({ id, queue: open });
    const move = (c: Connection, to: Queue<Connection>) => {
      c.queue.remove(c);
      to.push(c);
      c.queue = to;
    };
    const taken: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      // The pool's handler: take the oldest open connection (shift), move it to busy (its
      // old queue's remove finds nothing); the query ends: back to open (busy's remove).
      const c = open.shift()!;
      if (i < 20) taken.push(c.id);
      move(c, busy);
      move(c, open);
    }
    // Oldest first: each connection in turn, as it came back.
    expect(taken).toEqual([...Array(20).keys()].map((i) => i % 10));
    expect(open.length).toBe(10);
    expect(busy.length).toBe(0);
    const drained = Array.from({ length: 10 }, () => open.shift()!.id);
    expect(new Set(drained).size).toBe(10);
    expect(open.length).toBe(0);
    expect(open.shift()).toBeUndefined();
    expect(open.length).toBe(0);
  });

  it('keeps first-in first-out order and removes from the middle', async () => {
    const Queue = await loadInstalledQueue();
    const q = Queue<number>();
    for (let i = 0; i < 200; i++) q.push(i);
    for (let i = 0; i < 150; i++) expect(q.shift()).toBe(i);
    expect(q.remove(160)).toBe(160);
    expect(q.remove(10)).toBeNull();
    expect(q.length).toBe(49);
    const rest: number[] = [];
    while (q.length > 0) rest.push(q.shift()!);
    expect(rest).toEqual(Array.from({ length: 50 }, (_, i) => 150 + i).filter((n) => n !== 160));
  });
});
