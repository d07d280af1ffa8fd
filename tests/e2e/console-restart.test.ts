// The terminal chat restarted on the same data: its messages are numbered after those the
// database still refers to, so that quoting a message on screen never reaches an old menu.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { runTerminalChat } from '../support/terminal-chat.ts';

const database = useTestDatabase({ emptyBeforeEachTest: true });
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vsb-console-restart-'));
  return () => rmSync(dataDir, { recursive: true, force: true });
});

/** One run of the terminal chat over typed lines, on the same database each time. */
const run = (lines: string[]) => runTerminalChat(dataDir, lines, { database });

const numbersShown = (printed: string) =>
  [...printed.matchAll(/· message (\d+)/g)].map((m) => Number(m[1]));

describe('terminal chat restarted on the same database', () => {
  it('numbers its messages after the previous run, so a quote never answers an old menu', async () => {
    const before = await run(['/fete', '/quit']);
    const first = numbersShown(before);
    expect(first.length).toBeGreaterThan(0); // the date poll

    const after = await run(['/aide', '/evenement apero 10/01 19h', '/evenement annuler', '/quit']);
    const second = numbersShown(after);
    expect(second.length).toBeGreaterThan(1);
    expect(Math.min(...second)).toBeGreaterThan(Math.max(...first));

    const question = second.at(-1)!;
    // Bruno quotes the cancel question he sees on screen (after one more restart).
    const quoted = await run([':moi Bruno', `:repondre ${question} 1`, '/quit']);
    // It is Alice's question: nothing reaches the fête's poll.
    expect(quoted).not.toContain('Vote noté');
    expect(quoted).toContain('Alice');
    expect(numbersShown(quoted).every((n) => n > question)).toBe(true);
  });
});
