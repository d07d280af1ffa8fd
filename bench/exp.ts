import { parseConfig } from '../bot/config.ts';
import { createApp } from '../bot/create-app.ts';
import { createCountingLogger, withBenchDatabase } from './support/common.ts';
import { runClosedLoop } from './support/load.ts';
import { botInfo, recordingBotApi, TOKEN, UpdateMix, type CallCounts } from './support/telegram.ts';
const variant = process.argv[2] ?? 'full';
(globalThis as any).__variant = variant;
await withBenchDatabase(async (database) => {
  const config = parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN, DATABASE_URL: database.url, LOG_LEVEL: 'silent', CONSOLE: 'false' });
  const logger = createCountingLogger();
  const app = await createApp(config, { telegram: { botInfo, ...(variant === 'grammy' ? { throttle: false } : { sendLanes: false }) } as any, scheduler: false, logger });
  const calls: CallCounts = new Map();
  app.telegram!.bot.api.config.use(recordingBotApi(calls));
  const mix = new UpdateMix(1);
  const handle = variant === 'grammy' ? async ({ update }: any) => { await app.telegram!.bot.handleUpdate(update); } : variant === 'direct'
    ? async ({ update }: any) => { const { toInboundEvent } = await import('../bot/telegram/to-inbound-event.ts'); const e = toInboundEvent(update, { id: botInfo.id, username: botInfo.username }); if (e) await app.router.handle(e, app.deps.messengers.get('telegram')!); }
    : async ({ update }: any) => (await app.telegram!.receive([update])).handled;
  await runClosedLoop([...mix.generate(20000, 500)], handle, 32);
  const { Session } = await import('node:inspector/promises');
  const session = new Session(); session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.start');
  const work = [...mix.generate(15000, 500)];
  const { recordStatements } = await import('../tests/support/statement-recorder.ts');
  const rec = recordStatements(app.deps.db);
  const ms = await runClosedLoop(work, handle, 32);
  rec.stop();
  const { profile } = await session.post('Profiler.stop'); (await import('node:fs')).writeFileSync('/tmp/prof-' + variant + '.cpuprofile', JSON.stringify(profile));
  const byText = new Map<string, number>();
  for (const t of rec.texts) byText.set(t.slice(0, 90), (byText.get(t.slice(0, 90)) ?? 0) + 1);
  console.log('statements per update', (rec.texts.length / 15000).toFixed(2));
  console.log([...byText].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([t, n]) => `${(n / 15000).toFixed(3)} ${t}`).join('\n'));
  const apiCalls = [...calls].map(([m, n]) => `${m}:${n}`).join(' ');
  console.log(apiCalls);
  console.log(variant, Math.round(15000 * 1000 / ms), 'updates/s', 'errors', logger.errors.length, JSON.stringify(logger.errors[0] ?? '').slice(0, 300));
  await app.stop();
});
