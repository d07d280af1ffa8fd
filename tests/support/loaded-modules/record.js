// Preloaded into a process under test (NODE_OPTIONS=--import=<this file>, plain JavaScript:
// the production build runs without tsx, and tsx would add its own modules): records every
// module the process loads, and on SIGUSR2 writes their paths, one a line, to
// LOADED_MODULES_FILE. ES modules are seen by a load hook (node:module's register; the hooks
// run on their own thread and post each URL back); CommonJS files that other CommonJS files
// require never reach that hook, so require's cache is added.
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { isMainThread, MessageChannel } from 'node:worker_threads';

const out = process.env.LOADED_MODULES_FILE;
if (isMainThread && out) {
  const loaded = new Set();
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url) => loaded.add(url));
  port1.unref();
  register('./hooks.js', import.meta.url, { data: { port: port2 }, transferList: [port2] });
  process.on('SIGUSR2', () => {
    const paths = new Set(Object.keys(createRequire(import.meta.url).cache));
    for (const url of loaded) if (url.startsWith('file:')) paths.add(fileURLToPath(url));
    // Written aside, then renamed: a reader never sees half a list.
    writeFileSync(`${out}.partial`, [...paths].sort().join('\n'));
    renameSync(`${out}.partial`, out);
  });
}
