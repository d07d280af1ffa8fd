import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseConfig } from '../../bot/config.ts';
import { createApp, type App } from '../../bot/create-app.ts';
import type { InboundEvent } from '../../handlers/events.ts';
import { createMemoryLogger } from '../support/test-deps.ts';
import {
  describeAdapterContract,
  type ContractDriver,
  type Seen,
  type Who,
} from './adapter-contract.ts';

const ids: Record<Who, string> = { admin: '1', member: '2' };
const names: Record<string, Who> = { Alice: 'admin', Bruno: 'member' };

/** Reads what the terminal printed back into neutral terms. */
function parseTerminal(printed: string): Seen[] {
  const seen: Seen[] = [];
  const blocks = printed.split(/\n(?=🏠 |🔒 )/).filter((b) => /^(🏠|🔒) /.test(b));
  for (const block of blocks) {
    const [header = '', ...lines] = block.trimEnd().split('\n');
    const privateWith = /^🔒 privé avec (\S+) ·/.exec(header)?.[1];
    const to = privateWith ? names[privateWith]! : 'group';
    const options = lines.flatMap((l) => /^ {3}\d+\. (.*)$/.exec(l)?.[1] ?? []);
    const document = lines.map((l) => /📎 .*?([^/]+)$/.exec(l)?.[1]).find(Boolean);
    if (lines[0]?.startsWith('📊 ')) {
      seen.push({ to, kind: 'poll', text: lines[0].slice(3), options });
    } else if (document) {
      seen.push({ to, kind: 'document', text: lines[0] ?? '', options: [], filename: document });
    } else {
      seen.push({
        to,
        kind: 'text',
        text: lines.filter((l) => !l.startsWith('   ')).join('\n'),
        options,
      });
    }
  }
  return seen;
}

describeAdapterContract('console', (): ContractDriver => {
  let app: App;
  let printed = '';
  let baseline = 0;
  let lastEvent: InboundEvent | undefined;
  let dataDir: string;
  return {
    platform: 'console',
    ids,
    async start(database, features) {
      dataDir = mkdtempSync(join(tmpdir(), 'vsb-contract-'));
      const output = new PassThrough();
      output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
      app = await createApp(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
        database,
        logger: createMemoryLogger(),
        terminal: { input: new PassThrough(), output, color: false },
        scheduler: false,
        features,
      });
      await app.start();
      await app.console!.join();
      baseline = parseTerminal(printed).length;
    },
    async stop() {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async say(who, where, text) {
      lastEvent = await app.console!.say(ids[who], where, text);
    },
    async choose(who, n) {
      lastEvent = await app.console!.say(ids[who], 'group', String(n));
    },
    async vote(who, optionIndexes) {
      const answer = optionIndexes.length ? optionIndexes.map((i) => i + 1).join(' ') : '0';
      lastEvent = await app.console!.say(ids[who], 'group', answer);
    },
    async redeliverLast() {
      await (
        await app.inbox.receive('console', [lastEvent!])
      ).handled;
    },
    seen: () => parseTerminal(printed).slice(baseline),
  };
});
