// A city message to 10,000 groups: the real app (grammY, job runner, shared send limits in
// PostgreSQL) against the fake Bot API over HTTP, which enforces a bot-wide send limit (a
// token bucket answering 429). The message is scheduled as the console does
// (handlers/city-messages/schedule.ts) and goes out as one durable job per group. Meanwhile
// neighbours in those groups send /aide (ordinary traffic, one new group every
// 1000/PROBES_PER_SECOND ms), answered through the same limits.
// Figures: the time to reach every group against groups ÷ rate (target: within 10%),
// groups reached twice (0), 429s the fake answered (0: the shared limits keep under it), and
// the p99 latency of the ordinary answers while it goes out (target < 2 s).
// The limit: BENCH_CITY_RATE messages/s (default 40, what this shared 2-core machine sustained in December 2026; Telegram's own is 30, more with paid
// broadcasts: the app is configured with TELEGRAM_MAX_SENDS_PER_SECOND at the same rate).
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { parseConfig } from '../bot/config.ts';
import { createApp } from '../bot/create-app.ts';
import { createDatabase } from '../db/client.ts';
import { createCityMessageDraft } from '../db/queries/city-messages.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { createPartner } from '../db/queries/partners.ts';
import { scheduleCityMessage } from '../handlers/city-messages/schedule.ts';
import { startFakeBotApi } from '../tests/fakes/telegram-bot-api.ts';
import {
  createCountingLogger,
  formatNumber,
  formatTable,
  percentile,
  withBenchDatabase,
} from './support/common.ts';
import { TOKEN } from './support/telegram.ts';

const GROUPS = Number(process.env.BENCH_CITY_GROUPS ?? 10_000);
const RATE = Number(process.env.BENCH_CITY_RATE ?? 40);
const PROBES_PER_SECOND = 4;
const JOBS = { concurrency: 32, batchSize: 100, leaseSeconds: 30, pollSeconds: 1 };
const FIRST_GROUP = -1_000_000_000_000;
const groupId = (i: number) => FIRST_GROUP - i;
const HEADER = 'Message de la mairie de Lyon 1er';
const TIMEOUT_MS = ((GROUPS / RATE) * 3 + 60) * 1000;

export async function benchCityMessage(): Promise<void> {
  await withBenchDatabase(async (database) => {
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const control = await createDatabase({ url: database.url, maxConnections: 2 });
    const fake = await startFakeBotApi({
      token: TOKEN,
      botUser: { id: 999000, username: 'voisins_bench_bot', first_name: 'Voisins solidaires' },
    });
    fake.limitRate({ perSecond: RATE });
    try {
      await migrateDatabase(control);
      const partnerId = await createPartner(control.db, {
        name: 'Lyon 1er',
        communes: ['69381'],
        quartiers: [],
      });
      await sql`
        insert into chats (platform, external_id, kind, name, commune_insee, departement, group_kind, city_messages_noted_at)
        select 'telegram', (${FIRST_GROUP}::bigint - i)::text, 'group', 'Groupe ' || i, '69381', '69', 'immeuble', now()
        from generate_series(0, ${GROUPS - 1}) as i`;
      const [author] = await sql<{ id: string }[]>`
        insert into people (platform, display_name) values ('telegram', 'Agent') returning id`;
      console.log(
        `PostgreSQL ${database.serverVersion}; ${formatNumber(GROUPS)} Telegram groups of a ` +
          `partner city; fake Bot API limit ${RATE} sendMessage/s (token bucket, burst ${RATE}); ` +
          `app: TELEGRAM_MAX_SENDS_PER_SECOND=${RATE}, JOBS_CONCURRENCY=${JOBS.concurrency}, ` +
          `JOBS_BATCH_SIZE=${JOBS.batchSize}; /aide in ${PROBES_PER_SECOND} groups a second meanwhile`,
      );
      const logger = createCountingLogger({ warnings: true });
      const app = await createApp(
        parseConfig({
          TELEGRAM_BOT_TOKEN: TOKEN,
          TELEGRAM_API_ROOT: fake.url,
          TELEGRAM_MAX_SENDS_PER_SECOND: String(RATE),
          DATABASE_URL: database.url,
          PORT: '0',
          LOG_LEVEL: 'silent',
          CONSOLE: 'false',
          JOBS_CONCURRENCY: String(JOBS.concurrency),
          JOBS_BATCH_SIZE: String(JOBS.batchSize),
          JOBS_LEASE_SECONDS: String(JOBS.leaseSeconds),
          JOBS_POLL_SECONDS: String(JOBS.pollSeconds),
        }),
        { logger, telegram: { pollingTimeoutSeconds: 1 }, httpHost: '127.0.0.1' },
      );
      await app.start();
      try {
        const messageId = await createCityMessageDraft(control.db, {
          partnerId,
          authorPersonId: Number(author!.id),
          textFr: 'Coupure d’eau mardi de 8 h à 12 h : pensez à faire des réserves.',
          textEn: 'Water cut on Tuesday from 8 to 12: keep some water aside.',
          urgent: false,
          communes: [],
          quartierIds: [],
          groupKinds: [],
          sendAt: new Date(),
        });
        const scheduledAt = Date.now();
        await scheduleCityMessage(control.db, partnerId, messageId, new Date());

        // Ordinary traffic: /aide in a new group of the city every 250 ms while it goes out.
        const probes = new Map<number, number>();
        let probing = true;
        const prober = (async () => {
          for (let i = 0; probing && i < GROUPS; i += 97) {
            const chatId = groupId(i);
            probes.set(chatId, Date.now());
            fake.pushUpdate({
              update_id: fake.nextUpdateId(),
              message: {
                message_id: 1,
                date: Math.floor(Date.now() / 1000),
                chat: { id: chatId, type: 'supergroup', title: `Groupe ${i}` },
                from: {
                  id: 5_000_000 + i,
                  is_bot: false,
                  first_name: 'Voisin',
                  language_code: 'fr',
                },
                text: '/aide',
                entities: [{ type: 'bot_command', offset: 0, length: 5 }],
              },
            });
            await sleep(1000 / PROBES_PER_SECOND);
          }
        })();

        let seen = 0;
        const reached = new Map<number, number>();
        const answers = new Map<number, number>();
        let rateLimited = 0;
        let duplicates = 0;
        let last = 0;
        const deadline = Date.now() + TIMEOUT_MS;
        while (reached.size < GROUPS && Date.now() < deadline) {
          const calls = fake.calls;
          for (; seen < calls.length; seen++) {
            const call = calls[seen]!;
            if (call.status === 429) rateLimited++;
            if (call.status !== 200 || call.method !== 'sendMessage') continue;
            const chatId = Number(call.params.chat_id);
            const text = typeof call.params.text === 'string' ? call.params.text : '';
            if (text.includes(HEADER)) {
              if (reached.has(chatId)) duplicates++;
              else reached.set(chatId, call.at);
              last = Math.max(last, call.at);
            } else if (probes.has(chatId) && !answers.has(chatId)) {
              answers.set(chatId, call.at - probes.get(chatId)!);
            }
          }
          await sleep(50);
        }
        probing = false;
        await prober;
        // Give the last probes their answers, and anything that would be sent twice its chance.
        await sleep(3_000);
        for (; seen < fake.calls.length; seen++) {
          const call = fake.calls[seen]!;
          if (call.status === 429) rateLimited++;
          if (call.status !== 200 || call.method !== 'sendMessage') continue;
          const chatId = Number(call.params.chat_id);
          if (typeof call.params.text === 'string' && call.params.text.includes(HEADER)) {
            if (reached.has(chatId)) duplicates++;
            else reached.set(chatId, call.at);
          } else if (probes.has(chatId) && !answers.has(chatId)) {
            answers.set(chatId, call.at - probes.get(chatId)!);
          }
        }
        const [report] = await sql<{ sent: string; other: string }[]>`
          select count(*) filter (where status = 'sent') as sent,
            count(*) filter (where status <> 'sent') as other
          from city_message_deliveries where message_id = ${messageId}`;
        const tookS = (last - scheduledAt) / 1000;
        const idealS = GROUPS / RATE;
        const latencies = [...answers.values()].sort((a, b) => a - b);
        const unanswered = probes.size - answers.size;
        console.log();
        console.log(
          formatTable([
            ['figure', 'value', 'target'],
            ['groups reached', `${formatNumber(reached.size)} of ${formatNumber(GROUPS)}`, 'all'],
            [
              'time to reach all',
              `${formatNumber(tookS, 1)} s (${formatNumber((tookS / idealS - 1) * 100, 1)}% over ${formatNumber(idealS, 1)} s)`,
              `≤ ${formatNumber(idealS * 1.1, 1)} s (groups ÷ rate + 10%)`,
            ],
            ['groups reached twice', formatNumber(duplicates), '0'],
            ['429s answered by the fake', formatNumber(rateLimited), '0'],
            [
              'ordinary answers while it went out',
              `${formatNumber(answers.size)} (${unanswered} unanswered)`,
              '',
            ],
            [
              'their latency p50 / p99 / max',
              `${formatNumber(percentile(latencies, 50))} / ${formatNumber(percentile(latencies, 99))} / ${formatNumber(latencies.at(-1) ?? 0)} ms`,
              'p99 < 2,000 ms',
            ],
            [
              'delivery report',
              `${formatNumber(Number(report!.sent))} sent, ${formatNumber(Number(report!.other))} other`,
              `${formatNumber(GROUPS)} sent`,
            ],
            ['warnings and errors logged', formatNumber(logger.errors.length), '0'],
          ]),
        );
        if (logger.errors.length > 0) console.log('first:', logger.errors[0]);
      } finally {
        await app.stop();
      }
    } finally {
      await fake.close();
      await sql.end({ timeout: 5 });
      await control.close();
    }
  });
}
