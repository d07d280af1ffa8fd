// The Telegram pipeline bench as the production build runs it: compiled with the bot by
// tsconfig.bench.json and started with plain node by bench/telegram-pipeline.ts, which reads
// the summary line this prints last.
import { runTelegramPipeline } from './telegram-pipeline.ts';

const summary = await runTelegramPipeline();
console.log(`BENCH_SUMMARY ${JSON.stringify(summary)}`);
