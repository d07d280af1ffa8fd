// Runs a TypeScript script of ours in a child process (node --import tsx), or a built
// JavaScript file (an absolute path ending in .js: plain node, as in production), with only
// the environment given (plus PATH, HOME and TMPDIR), and follows what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ScriptProcess {
  child: ChildProcess;
  pid: number;
  /** Every stdout line so far. */
  lines: string[];
  stderr(): string;
  /** Resolves with the first stdout line that matches; rejects if the process exits first. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The exit code (or the signal's name), once the process has exited and its output is read. */
  exited: Promise<number | string>;
  send(line: string): void;
}

export function spawnScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): ScriptProcess {
  const path = isAbsolute(script)
    ? script
    : fileURLToPath(new URL(`../../${script}`, import.meta.url));
  const runtime = path.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...runtime, path, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let err = '';
  let partial = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk: string) => (err += chunk));
  const exited = once(child, 'close').then(([code, signal]) => (code ?? signal) as number | string);
  return {
    child,
    pid: child.pid!,
    lines,
    stderr: () => err,
    exited,
    send: (line) => child.stdin.write(`${line}\n`),
    waitForLine(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = lines.find((l) => pattern.test(l));
          if (line === undefined) return;
          done();
          resolve(line);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no line matching ${pattern} after ${timeoutMs} ms: ${err}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then((code) => {
          if (!listeners.has(check)) return;
          done();
          reject(new Error(`exited (${code}) before printing ${pattern}: ${err}`));
        });
        check();
      });
    },
  };
}
