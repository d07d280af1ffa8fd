// Starting and stopping the bot in a child process (bench/support/app-process.ts), for the
// benchmarks that kill it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * Starts bench/support/app-process.ts with these variables (and only PATH, HOME and TMPDIR
 * of ours); resolves once it is ready. Its stderr lines (warnings, errors) go to `lines`.
 */
export async function startAppProcess(
  env: Record<string, string>,
  lines: unknown[],
): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./app-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.setEncoding('utf8');
  let partial = '';
  child.stderr.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) lines.push(line);
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (chunk.includes('ready')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`the app exited (${code}) before it was ready: ${lines.join('\n')}`)),
    );
  });
  await ready;
  return child;
}

export async function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await once(child, 'exit');
}
