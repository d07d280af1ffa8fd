// The Telegram pipeline: the real app (grammY, router, features, PostgreSQL) against a bare
// grammY bot that does one INSERT per update, both fed the same realistic mix of group
// updates through handleUpdate, with a recording Bot API in place of Telegram. Targets:
// throughput ≥ 60% of the bare bot's, p99 < 20 ms at 500 updates/s, RSS < 200 MB after
// 100,000 updates across 5,000 groups. Then the same in a child process running the
// production build with plain node (bench/telegram-pipeline-built.ts, compiled with the bot
// by tsconfig.bench.json), whose figures are printed beside tsx's: RSS < 110 MB there.
import { spawn } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bot } from 'grammy';
import postgres from 'postgres';
import { parseConfig } from '../bot/config.ts';
import { createApp } from '../bot/create-app.ts';
import {
  createCountingLogger,
  formatNumber,
  formatTable,
  mb,
  percentile,
  withBenchDatabase,
} from './support/common.ts';
import { runClosedLoop, runOpenLoop, type Work } from './support/load.ts';
import {
  botInfo,
  recordingBotApi,
  TOKEN,
  UpdateMix,
  updateKinds,
  type BenchUpdate,
  type CallCounts,
} from './support/telegram.ts';

const SEED = 20_240_601;
const CONCURRENCY = 32;
const GROUPS = 500;
const WARMUP_UPDATES = 2_000;
const THROUGHPUT_UPDATES = 20_000;
const THROUGHPUT_ROUNDS = 3;
const OFFERED_RATE = 500;
const LATENCY_SECONDS = 10;
const MEMORY_UPDATES = 100_000;
const MEMORY_GROUPS = 5_000;

const TARGET_RELATIVE_THROUGHPUT = 60;
const TARGET_P99_MS = 20;
const TARGET_RSS_MB = 200;
const TARGET_BUILT_RSS_MB = 110;

/** What the run in the production build reports back to the tsx run. */
export interface PipelineSummary {
  relativeThroughput: number;
  p99: number;
  rssMb: number;
}

interface Subject {
  name: string;
  handle: (update: BenchUpdate) => Promise<void>;
  calls: CallCounts;
  /** Errors the subject logged instead of throwing (the app's catch points). */
  errors: () => object[];
}

interface Figures {
  throughput: number;
  p50: number;
  p99: number;
  achievedRate: number;
  callsPerUpdate: number;
}

export async function benchTelegramPipeline(): Promise<void> {
  const tsx = await runTelegramPipeline();
  console.log('\nthe same, production build (node, no tsx) in a child process:');
  const built = await runBuiltTelegramPipeline();
  console.log();
  console.log(
    formatTable([
      ['', 'tsx (in process)', 'production build', 'target (build)', ''],
      [
        'throughput vs bare grammY',
        `${formatNumber(tsx.relativeThroughput, 1)}%`,
        `${formatNumber(built.relativeThroughput, 1)}%`,
        `≥ ${TARGET_RELATIVE_THROUGHPUT}%`,
        verdict(built.relativeThroughput >= TARGET_RELATIVE_THROUGHPUT),
      ],
      [
        `latency p99 at ${OFFERED_RATE}/s (ms)`,
        formatNumber(tsx.p99, 2),
        formatNumber(built.p99, 2),
        `< ${TARGET_P99_MS} ms`,
        verdict(built.p99 < TARGET_P99_MS),
      ],
      [
        `RSS after ${formatNumber(MEMORY_UPDATES)} updates`,
        `${formatNumber(tsx.rssMb, 1)} MB`,
        `${formatNumber(built.rssMb, 1)} MB`,
        `< ${TARGET_BUILT_RSS_MB} MB`,
        verdict(built.rssMb < TARGET_BUILT_RSS_MB),
      ],
    ]),
  );
}

/** Builds the bot and this bench into tmp/bench-build, runs it there, reads its summary. */
async function runBuiltTelegramPipeline(): Promise<PipelineSummary> {
  const root = new URL('..', import.meta.url).pathname;
  const out = join(root, 'tmp', 'bench-build');
  await run('sh', ['scripts/build-production.sh', out], root, {
    BUILD_TSCONFIG: 'tsconfig.bench.json',
  });
  // The bench's fake Bot API reads its method list from the test fixtures.
  cpSync(join(root, 'tests', 'fixtures'), join(out, 'tests', 'fixtures'), { recursive: true });
  let summary: PipelineSummary | undefined;
  const start = productionStart(root);
  console.log(
    `  started as npm run start:prod does: ${Object.entries(start.env)
      .map(([name, value]) => `${name}=${value} `)
      .join('')}node ${start.flags.join(' ')}`,
  );
  await run(
    process.execPath,
    [...start.flags, '--expose-gc', join(out, 'bench', 'telegram-pipeline-built.js')],
    root,
    start.env,
    (line) => {
      const json = /^BENCH_SUMMARY (.*)$/.exec(line)?.[1];
      if (json) summary = JSON.parse(json) as PipelineSummary;
      else console.log(`  ${line}`);
    },
  );
  if (!summary) throw new Error('the production build run printed no summary');
  return summary;
}

/**
 * The node flags and environment `npm run start:prod` starts the bot with
 * (`NAME=value … node --flag … main.js`): the bench runs under the same.
 */
function productionStart(root: string): { flags: string[]; env: Record<string, string> } {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = (scripts['start:prod'] ?? '').split(/\s+/);
  const node = words.indexOf('node');
  return {
    flags: words.slice(node + 1).filter((word) => word.startsWith('--')),
    env: Object.fromEntries(
      words
        .slice(0, Math.max(node, 0))
        .map((word) => /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word))
        .filter((match) => match !== null)
        .map((match) => [match[1]!, match[2]!]),
    ),
  };
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  onLine: (line: string) => void = () => {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let partial = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(onLine);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (partial) onLine(partial);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
    });
  });
}

export async function runTelegramPipeline(): Promise<PipelineSummary> {
  return await withBenchDatabase(async (database) => {
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'silent',
      CONSOLE: 'false',
    });
    const logger = createCountingLogger();
    const app = await createApp(config, {
      telegram: { botInfo, sendLanes: false },
      scheduler: false,
      logger,
    });
    try {
      const bare = await createBareBot(database.url, config.database.poolSize);
      try {
        const calls: CallCounts = new Map();
        const bot = app.telegram!.bot;
        bot.api.config.use(recordingBotApi(calls));
        const subjects: [Subject, Subject] = [
          bare.subject,
          {
            name: 'bot',
            // Stored in the inbox, handled, and deleted: the whole way an update goes.
            handle: async ({ update }) => (await app.telegram!.receive([update])).handled,
            calls,
            errors: () => logger.errors,
          },
        ];
        console.log(
          `PostgreSQL ${database.serverVersion} (database ${database.name}), ` +
            `pool of ${config.database.poolSize} connections per bot, ` +
            `${CONCURRENCY} updates in flight, one at a time per chat`,
        );
        // One source for every phase: update ids must never repeat (the bot drops redeliveries).
        const mix = new UpdateMix(SEED);
        // Memory first, so that RSS reflects the bot and not the other phases' peaks.
        const memory = await measureMemory(mix, subjects[1]);
        const figures = await compare(mix, subjects);
        console.log();
        printComparison(figures);
        console.log();
        printMemory(memory);
        reportErrors(subjects);
        const [bareFigures, botFigures] = [...figures.values()] as [Figures, Figures];
        return {
          relativeThroughput: (botFigures.throughput / bareFigures.throughput) * 100,
          p99: botFigures.p99,
          rssMb: memory.settled.rss / 1_048_576,
        };
      } finally {
        await bare.close();
      }
    } finally {
      await app.stop();
    }
  });
}

/** grammY alone: one INSERT per update through its own pool, a reply to commands only. */
async function createBareBot(url: string, poolSize: number) {
  const sql = postgres(url, { max: poolSize, onnotice: () => {}, connection: { TimeZone: 'UTC' } });
  await sql`create table bench_bare (
    update_id bigint primary key, chat_id bigint, at timestamptz default now())`;
  const calls: CallCounts = new Map();
  const bot = new Bot(TOKEN, { botInfo });
  bot.api.config.use(recordingBotApi(calls));
  bot.use(async (ctx) => {
    await sql`insert into bench_bare (update_id, chat_id)
      values (${ctx.update.update_id}, ${ctx.chat?.id ?? null})`;
    const isCommand = ctx.message?.entities?.some(
      (e) => e.type === 'bot_command' && e.offset === 0,
    );
    if (isCommand) await ctx.reply('ok');
  });
  const subject: Subject = {
    name: 'bare grammY',
    handle: ({ update }) => bot.handleUpdate(update),
    calls,
    errors: () => [],
  };
  return { subject, close: () => sql.end({ timeout: 5 }) };
}

interface MemoryFigures {
  gcForced: boolean;
  start: NodeJS.MemoryUsage;
  /** Right after the last update (and a forced GC). */
  end: NodeJS.MemoryUsage;
  /** SETTLE_MS later, at rest: V8 gives freed pages back on a background thread. */
  settled: NodeJS.MemoryUsage;
  throughput: number;
}

/**
 * How long the process rests before memory is read again. Read right after the forced GC,
 * RSS still holds the pages V8 is giving back to the system meanwhile: 133–228 MB there
 * against 119–129 MB a second later in three runs of the production build (2 CPUs, loaded).
 */
const SETTLE_MS = 2_000;

async function measureMemory(mix: UpdateMix, bot: Subject): Promise<MemoryFigures> {
  const gc = typeof globalThis.gc === 'function' ? globalThis.gc : undefined;
  const sample = () => {
    gc?.();
    gc?.();
    return process.memoryUsage();
  };
  const start = sample();
  // Generated lazily: the updates themselves must not count in the heap.
  const ms = await runClosedLoop(
    mix.generate(MEMORY_UPDATES, MEMORY_GROUPS),
    bot.handle,
    CONCURRENCY,
  );
  const end = sample();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const settled = sample();
  const throughput = (MEMORY_UPDATES * 1000) / ms;
  console.log(
    `  · ${bot.name}: ${formatNumber(MEMORY_UPDATES)} updates across ` +
      `${formatNumber(MEMORY_GROUPS)} groups at ${formatNumber(throughput)} updates/s`,
  );
  return { gcForced: gc !== undefined, start, end, settled, throughput };
}

async function compare(mix: UpdateMix, subjects: Subject[]): Promise<Map<Subject, Figures>> {
  const warmup = [...mix.generate(WARMUP_UPDATES, GROUPS)];
  const runs = Array.from({ length: THROUGHPUT_ROUNDS }, () => [
    ...mix.generate(THROUGHPUT_UPDATES, GROUPS),
  ]);
  const latencyRun = [...mix.generate(OFFERED_RATE * LATENCY_SECONDS, GROUPS)];
  console.log(`  · update mix over ${formatNumber(GROUPS)} groups: ${describeMix(runs[0]!)}`);
  const figures = new Map<Subject, Figures>();
  for (const subject of subjects) {
    await runClosedLoop(warmup, subject.handle, CONCURRENCY);
  }
  // Rounds alternate which subject goes first, and each figure is the median of its rounds:
  // one run of a few seconds moves by several points on a shared machine.
  const rounds: Map<Subject, { throughput: number; calls: number }[]> = new Map(
    subjects.map((subject) => [subject, []]),
  );
  for (const [round, run] of runs.entries()) {
    const order = round % 2 === 0 ? subjects : [...subjects].reverse();
    for (const subject of order) {
      const before = totalCalls(subject.calls);
      const ms = await runClosedLoop(run, subject.handle, CONCURRENCY);
      const calls = (totalCalls(subject.calls) - before) / run.length;
      rounds.get(subject)!.push({ throughput: (run.length * 1000) / ms, calls });
    }
  }
  for (const subject of subjects) {
    const done = rounds.get(subject)!;
    const throughput = median(done.map((r) => r.throughput));
    console.log(
      `  · ${subject.name}: ${THROUGHPUT_ROUNDS} × ${formatNumber(THROUGHPUT_UPDATES)} updates at ` +
        `${done.map((r) => formatNumber(r.throughput)).join(', ')} updates/s ` +
        `(median ${formatNumber(throughput)})`,
    );
    figures.set(subject, {
      throughput,
      callsPerUpdate: median(done.map((r) => r.calls)),
      p50: NaN,
      p99: NaN,
      achievedRate: NaN,
    });
  }
  const [bareRounds, botRounds] = subjects.map((subject) => rounds.get(subject)!);
  console.log(
    `  · bot/bare round by round: ${botRounds!
      .map((r, i) => `${formatNumber((r.throughput / bareRounds![i]!.throughput) * 100, 1)}%`)
      .join(', ')}`,
  );
  for (const subject of subjects) {
    const { latencies, achievedRate } = await runOpenLoop(latencyRun, subject.handle, OFFERED_RATE);
    const sorted = latencies.filter(Number.isFinite).sort((a, b) => a - b);
    const f = figures.get(subject)!;
    Object.assign(f, { p50: percentile(sorted, 50), p99: percentile(sorted, 99), achievedRate });
    console.log(
      `  · ${subject.name}: ${formatNumber(latencyRun.length)} updates offered ` +
        `at ${OFFERED_RATE}/s, p99 ${formatNumber(f.p99, 1)} ms`,
    );
  }
  return figures;
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function printComparison(figures: Map<Subject, Figures>): void {
  const [bare, bot] = [...figures.values()] as [Figures, Figures];
  const relative = (bot.throughput / bare.throughput) * 100;
  const row = (label: string, value: (f: Figures) => string) => [label, value(bare), value(bot)];
  console.log(
    formatTable([
      ['', 'bare grammY', 'bot', 'bot/bare', 'target', ''],
      [
        ...row(`throughput, ${CONCURRENCY} in flight (updates/s)`, (f) =>
          formatNumber(f.throughput),
        ),
        `${formatNumber(relative, 1)}%`,
        `≥ ${TARGET_RELATIVE_THROUGHPUT}%`,
        verdict(relative >= TARGET_RELATIVE_THROUGHPUT),
      ],
      row(`latency p50 at ${OFFERED_RATE}/s offered (ms)`, (f) => formatNumber(f.p50, 2)),
      [
        ...row(`latency p99 at ${OFFERED_RATE}/s offered (ms)`, (f) => formatNumber(f.p99, 2)),
        '',
        `< ${TARGET_P99_MS} ms`,
        verdict(bot.p99 < TARGET_P99_MS),
      ],
      row(`achieved rate at ${OFFERED_RATE}/s offered (updates/s)`, (f) =>
        formatNumber(f.achievedRate),
      ),
      row('Bot API calls per update', (f) => formatNumber(f.callsPerUpdate, 2)),
    ]),
  );
}

function printMemory(memory: MemoryFigures): void {
  const { start, end, settled } = memory;
  const rssMb = settled.rss / 1_048_576;
  console.log(
    `bot memory, app built → after ${formatNumber(MEMORY_UPDATES)} updates across ` +
      `${formatNumber(MEMORY_GROUPS)} groups; GC ` +
      (memory.gcForced ? 'forced before each sample' : 'NOT forced (run node with --expose-gc)'),
  );
  console.log(
    formatTable([
      ['', 'app built', 'after', `${SETTLE_MS / 1000} s later`, 'target', ''],
      [
        'RSS',
        mb(start.rss),
        mb(end.rss),
        mb(settled.rss),
        `< ${TARGET_RSS_MB} MB`,
        verdict(rssMb < TARGET_RSS_MB),
      ],
      ...(
        [
          ['heap used', 'heapUsed'],
          ['heap total', 'heapTotal'],
          ['external', 'external'],
          ['array buffers', 'arrayBuffers'],
        ] as const
      ).map(([label, key]) => [label, mb(start[key]), mb(end[key]), mb(settled[key]), '', '']),
    ]),
  );
}

function reportErrors(subjects: Subject[]): void {
  for (const subject of subjects) {
    const errors = subject.errors();
    if (errors.length === 0) continue;
    console.log(`\n${subject.name} logged ${errors.length} error(s); the first:`, errors[0]);
  }
}

function describeMix(work: Work<BenchUpdate>[]): string {
  const counts = new Map<string, number>();
  for (const { item } of work) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  return updateKinds
    .map((kind) => `${kind} ${formatNumber(((counts.get(kind) ?? 0) / work.length) * 100, 1)}%`)
    .join(', ');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function totalCalls(calls: CallCounts): number {
  let total = 0;
  for (const count of calls.values()) total += count;
  return total;
}
