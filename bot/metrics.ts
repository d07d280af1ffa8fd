// Prometheus metrics (GET /metrics when METRICS_ENABLED=true): what the process counts as it
// goes (updates handled and failed, answer latency, sends and 429s per platform), what the
// database holds at each scrape (outbox depth, job lag per kind, check-ins unanswered), the
// platforms' state, and prom-client's process metrics (memory, CPU, event loop lag). One
// registry per app, so that tests and several apps in one process do not share counters.
// The database pool's use is not exported: postgres.js does not expose it.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/client.ts';
import { findQueueFigures } from '../db/queries/metrics.ts';
import type { Messenger } from '../handlers/ports.ts';
import type { SendFailure } from './outbox/operation.ts';

/** The messenger's calls that reach the platform to change something in a chat. */
const SEND_METHODS = new Set(['send', 'edit', 'closePoll', 'deleteMessage', 'acknowledgeChoice']);

export interface Metrics {
  registry: Registry;
  /** An update's handling is over: handled, or dropped after failing. */
  recordUpdate(platform: string, outcome: 'handled' | 'failed', seconds: number): void;
  /** The platform's messenger, counting sends and 429s. */
  countSends<M extends Messenger>(messenger: M, classify: (error: unknown) => SendFailure): M;
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsSources {
  db: Db;
  /** Whether each platform is connected (WhatsApp: its session ready). */
  adapters(): Record<string, boolean>;
}

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'voisins_' });
  const updates = new Counter({
    name: 'voisins_updates_total',
    help: 'Inbound updates whose handling is over, per platform and outcome (handled, failed)',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'voisins_answer_seconds',
    help: 'Time to handle an update and give its answers to the outbox',
    labelNames: ['platform'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const sends = new Counter({
    name: 'voisins_sends_total',
    help: 'Calls to a platform that went through (rate() gives sends per second)',
    labelNames: ['platform'],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'voisins_rate_limited_total',
    help: 'Calls a platform refused for going too fast (429)',
    labelNames: ['platform'],
    registers: [registry],
  });
  const outbox = new Gauge({
    name: 'voisins_outbox_waiting',
    help: 'Messages waiting in the outbox',
    labelNames: ['platform'],
    registers: [registry],
  });
  const jobLag = new Gauge({
    name: 'voisins_job_lag_seconds',
    help: 'How late the oldest due job of each kind is',
    labelNames: ['kind'],
    registers: [registry],
  });
  const checkIns = new Gauge({
    name: 'voisins_check_ins_unanswered',
    help: 'Check-ins sent to referents and not answered yet',
    registers: [registry],
  });
  const adapterUp = new Gauge({
    name: 'voisins_platform_ready',
    help: 'Whether a platform is connected (1) or not (0); WhatsApp: its session is ready',
    labelNames: ['platform'],
    registers: [registry],
  });

  async function collectFromDatabase(): Promise<void> {
    const figures = await findQueueFigures(sources.db);
    outbox.reset();
    for (const { platform, waiting } of figures.outbox) outbox.set({ platform }, waiting);
    jobLag.reset();
    for (const { kind, seconds } of figures.jobLag) jobLag.set({ kind }, seconds);
    checkIns.set(figures.checkInsUnanswered);
    adapterUp.reset();
    for (const [platform, up] of Object.entries(sources.adapters())) {
      adapterUp.set({ platform }, up ? 1 : 0);
    }
  }

  return {
    registry,
    recordUpdate(platform, outcome, seconds) {
      updates.inc({ platform, outcome });
      latency.observe({ platform }, seconds);
    },
    countSends(messenger, classify) {
      const { platform } = messenger;
      return new Proxy(messenger, {
        get(target, key, receiver) {
          const value: unknown = Reflect.get(target, key, receiver);
          if (typeof value !== 'function' || !SEND_METHODS.has(String(key))) return value;
          return async (...args: unknown[]) => {
            try {
              const result: unknown = await (value as (...a: unknown[]) => unknown).apply(
                target,
                args,
              );
              sends.inc({ platform });
              return result;
            } catch (error) {
              if (classify(error).retryAfterMs !== undefined) rateLimited.inc({ platform });
              throw error;
            }
          };
        },
      });
    },
    async render() {
      await collectFromDatabase();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
