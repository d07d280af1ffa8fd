// Plain words: the understanding (handlers/understanding/) over the labelled corpus of
// tests/understanding/corpus.ts. Prints per intent precision and recall, distress recall
// and false alarms, how often the bot asks back, and the time per message. Targets:
// distress recall 100%, intents' precision ≥ 95%, p99 < 1 ms per message.
import { corpus } from '../tests/understanding/corpus.ts';
import { createCorpusUnderstander, score } from '../tests/understanding/evaluate.ts';
import { toInboundEvent } from '../bot/telegram/to-inbound-event.ts';
import { distressIn } from '../handlers/understanding/distress.ts';
import { formatNumber, formatTable, percentile } from './support/common.ts';
import { botInfo, UpdateMix } from './support/telegram.ts';

const ROUNDS = 50;

export async function benchWords(): Promise<void> {
  const understander = await createCorpusUnderstander();
  const scores = score(understander);
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const pct = (x: number) => `${formatNumber(x * 100, 1)}%`;
  console.log(
    `${formatNumber(corpus.length)} labelled messages: French and English, Arabic (script, ` +
      'arabizi, mixed with French), Portuguese, Spanish, Turkish\n',
  );
  console.log(
    formatTable([
      ['', 'messages', 'taken for it', 'precision', 'recall', 'target', ''],
      ...[...scores.perLabel].map(([label, f]) => {
        const target = label === 'distress' ? 'recall 100%' : 'precision ≥ 95%';
        const ok = label === 'distress' ? f.recall === 1 : f.precision >= 0.95;
        return [
          label,
          formatNumber(f.support),
          formatNumber(f.taken),
          pct(f.precision),
          pct(f.recall),
          target,
          verdict(ok),
        ];
      }),
    ]),
  );
  console.log();
  console.log(
    formatTable([
      ['', 'value', 'target', ''],
      [
        'not distress, answered as distress',
        pct(scores.falseAlarmRate),
        '< 3%',
        verdict(scores.falseAlarmRate < 0.03),
      ],
      ['asked back (several meanings)', pct(scores.unsureRate), '', ''],
    ]),
  );
  console.log();
  console.log(
    formatTable([
      [
        'per language',
        'messages',
        'distress recall',
        'false alarms',
        'intents precision',
        'intents recall',
      ],
      ...[...scores.perLanguage].map(([language, f]) => [
        language,
        formatNumber(f.messages),
        pct(f.distressRecall),
        pct(f.falseAlarmRate),
        pct(f.intentPrecision),
        pct(f.intentRecall),
      ]),
    ]),
  );
  // Time per message, every message of the corpus many times (the first round warms up).
  const times: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    for (const item of corpus) {
      const start = performance.now();
      understander.understand(item.text, item.chat ?? 'group');
      if (round > 0) times.push((performance.now() - start) * 1000);
    }
  }
  times.sort((a, b) => a - b);
  // The French and English messages alone: the same messages as before the other languages
  // came, to compare with earlier figures.
  const frenchTimes: number[] = [];
  const french = corpus.filter((item) => item.lang === undefined);
  for (let round = 0; round <= ROUNDS; round++) {
    for (const item of french) {
      const start = performance.now();
      understander.understand(item.text, item.chat ?? 'group');
      if (round > 0) frenchTimes.push((performance.now() - start) * 1000);
    }
  }
  frenchTimes.sort((a, b) => a - b);
  const long = 'bla '.repeat(1_000) + 'je me sens mal';
  const longTimes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    understander.understand(long, 'group');
    longTimes.push((performance.now() - start) * 1000);
  }
  longTimes.sort((a, b) => a - b);
  console.log();
  console.log(
    formatTable([
      ['time per message (µs)', 'p50', 'p99', 'target', ''],
      [
        'corpus',
        formatNumber(percentile(times, 50), 1),
        formatNumber(percentile(times, 99), 1),
        '< 1,000',
        verdict(percentile(times, 99) < 1000),
      ],
      [
        'French and English only',
        formatNumber(percentile(frenchTimes, 50), 1),
        formatNumber(percentile(frenchTimes, 99), 1),
        '< 1,000',
        verdict(percentile(frenchTimes, 99) < 1000),
      ],
      [
        '4,000 characters',
        formatNumber(percentile(longTimes, 50), 1),
        formatNumber(percentile(longTimes, 99), 1),
        '< 1,000',
        verdict(percentile(longTimes, 99) < 1000),
      ],
    ]),
  );
  // What reading for distress adds to each update of the Telegram pipeline benchmark's mix:
  // the inbox reads every message addressed to the bot (commands included) when it arrives.
  const bot = { id: botInfo.id, username: botInfo.username };
  const events = [...new UpdateMix(1).generate(20_000, 500)].map(({ item }) =>
    toInboundEvent(item.update, bot),
  );
  const start = performance.now();
  for (let round = 0; round < 5; round++) {
    for (const event of events) {
      if (event?.type === 'message' && event.addressed) distressIn({ ...event });
    }
  }
  const perUpdate = ((performance.now() - start) * 1000) / (5 * events.length);
  console.log(
    `reading for distress: ${formatNumber(perUpdate, 2)} µs per update of the pipeline ` +
      "benchmark's mix (compare with its time per update, `npm run bench -- telegram`)",
  );
}
