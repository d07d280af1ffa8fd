// The bot in a child process, for the benchmarks that kill it: the real app built from the
// environment as bot/main.ts builds it (scheduler included), with the clock shifted by
// BENCH_CLOCK_SHIFT_MS so that every child of one run lives on the same timeline (job leases
// written by one are read by the next). Run as `node --import tsx bench/support/app-process.ts`.
// Prints "ready" on stdout once started; each warning or error goes to stderr as one JSON
// line. SIGTERM stops it gracefully; SIGKILL is what the benchmark is about.
import { parseConfig } from '../../bot/config.ts';
import { createApp } from '../../bot/create-app.ts';
import type { Logger } from '../../handlers/ports.ts';

const shiftMs = Number(process.env.BENCH_CLOCK_SHIFT_MS ?? 0);

function createStderrLogger(bindings: Record<string, unknown> = {}): Logger {
  const write = (level: string) => (obj: object, msg?: string) => {
    const err = (obj as { err?: unknown }).err;
    const described = err instanceof Error ? { err: err.stack ?? err.message } : {};
    const entry = { level, msg, ...bindings, ...obj, ...described };
    process.stderr.write(`${JSON.stringify(entry)}\n`);
  };
  const noop = () => {};
  return {
    debug: noop,
    info: noop,
    warn: write('warn'),
    error: write('error'),
    child: (more) => createStderrLogger({ ...bindings, ...more }),
  };
}

const app = await createApp(parseConfig(process.env), {
  clock: { now: () => new Date(Date.now() + shiftMs) },
  logger: createStderrLogger(),
  telegram: { pollingTimeoutSeconds: 1 },
  httpHost: '127.0.0.1',
});
process.once('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
await app.start();
process.stdout.write('ready\n');
