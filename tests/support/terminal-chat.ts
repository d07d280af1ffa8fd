// The terminal chat driven as a newcomer uses it: typed lines in, what the terminal shows out.
import { PassThrough } from 'node:stream';
import { parseConfig } from '../../bot/config.ts';
import { createApp } from '../../bot/create-app.ts';
import type { Database } from '../../db/client.ts';
import { createMemoryLogger } from './test-deps.ts';

/** Runs the terminal chat once over typed lines, on `dataDir`; returns everything it printed. */
export async function runTerminalChat(
  dataDir: string,
  lines: string[],
  options: { database?: Database } = {},
): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const config = parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const app = await createApp(config, {
    ...(options.database ? { database: options.database } : {}),
    logger: createMemoryLogger(),
    terminal: { input, output, color: false },
    scheduler: false,
  });
  await app.start();
  const done = app.console!.run();
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  await app.stop();
  return printed;
}
