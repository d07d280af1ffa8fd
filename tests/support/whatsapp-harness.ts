// The real bot (createApp, the WhatsApp adapter, router, database) against fake
// whatsapp-web.js clients with the real Client's interface (tests/fakes/whatsapp-client.ts).
// Each reconnection of the watchdog gets a new fake, as it would get a new real client.
import { parseConfig } from '../../bot/config.ts';
import { createApp, type App } from '../../bot/create-app.ts';
import type { Database } from '../../db/client.ts';
import type { Feature } from '../../handlers/feature.ts';
import type { Clock } from '../../handlers/ports.ts';
import type { WatchdogOptions } from '../../bot/whatsapp/create-whatsapp-adapter.ts';
import {
  createFakeWhatsAppClient,
  type FakeWhatsAppClient,
  type FakeWhatsAppOptions,
} from '../fakes/whatsapp-client.ts';
import { createMemoryLogger, type LogEntry } from './test-deps.ts';

export const wa = {
  group: '120363000000000001@g.us',
  alice: { pn: '33611111111@c.us', lid: '111111111111111@lid', name: 'Alice' },
  bruno: { pn: '33622222222@c.us', lid: '222222222222222@lid', name: 'Bruno' },
  chloe: { pn: '33633333333@c.us', lid: '333333333333333@lid', name: 'Chloé' },
  /** Not in the default group: `residenceWith([wa.djamel])` adds him. */
  djamel: { pn: '33644444444@c.us', lid: '444444444444444@lid', name: 'Djamel' },
};
export type WhatsAppPerson = typeof wa.alice;

export const defaultFakeOptions: FakeWhatsAppOptions = {
  groups: [
    {
      id: wa.group,
      name: 'Résidence des Lilas',
      participants: [{ id: wa.alice.pn, isAdmin: true }, { id: wa.bruno.pn }, { id: wa.chloe.pn }],
    },
  ],
  lidPairs: [wa.alice, wa.bruno, wa.chloe].map(({ lid, pn }) => ({ lid, pn })),
};

/** The default group with more members (`admins` among them), whose ids WhatsApp Web links. */
export function residenceWith(
  members: WhatsAppPerson[],
  admins: WhatsAppPerson[] = [],
): FakeWhatsAppOptions {
  const [residence] = defaultFakeOptions.groups ?? [];
  return {
    groups: [
      {
        ...residence!,
        participants: [
          ...residence!.participants,
          ...members.map((person) => ({ id: person.pn })),
          ...admins.map((person) => ({ id: person.pn, isAdmin: true })),
        ],
      },
    ],
    lidPairs: [...(defaultFakeOptions.lidPairs ?? []), ...members, ...admins].map(
      ({ lid, pn }) => ({ lid, pn }),
    ),
  };
}

export interface WhatsAppHarness {
  app: App;
  logs: LogEntry[];
  /** Every client the adapter created, the current one last. */
  clients: FakeWhatsAppClient[];
  client(): FakeWhatsAppClient;
  /** Waits until everything received so far is handled and sent. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWhatsAppHarness(
  database: Database,
  options: {
    fake?: FakeWhatsAppOptions;
    features?: Feature[];
    waitReady?: boolean;
    /** Simulated browser memory of a client, checked every 20 ms against a 1,000 MB ceiling. */
    memoryMb?: (client: FakeWhatsAppClient) => number;
    clock?: Clock;
    /** More configuration variables (BOT_ADMINS…). */
    env?: Record<string, string>;
    /** The adapter's clock (lookups asked again later, late messages). */
    now?: () => number;
    /** The bot's own ids as the page gives them (default: asked like anyone's). */
    ownIds?: (client: FakeWhatsAppClient) => Promise<string[]>;
    watchdog?: Partial<WatchdogOptions>;
  } = {},
): Promise<WhatsAppHarness> {
  const clients: FakeWhatsAppClient[] = [];
  const logger = createMemoryLogger();
  const config = parseConfig({
    WHATSAPP_ENABLED: 'true',
    LOG_LEVEL: 'silent',
    // Tests talk at machine speed, far faster than people: flood control is tested on its
    // own (tests/e2e/telegram-resilience.test.ts sets these).
    FLOOD_PERSON_PER_MINUTE: '1000',
    FLOOD_PRIVATE_PER_MINUTE: '1000',
    FLOOD_GROUP_PER_MINUTE: '1000',
    PORT: '0',
    ...options.env,
  });
  const app = await createApp(config, {
    database,
    logger,
    scheduler: false,
    features: options.features ?? [],
    httpHost: '127.0.0.1',
    ...(options.clock ? { clock: options.clock } : {}),
    whatsapp: {
      createClient: () => {
        // Only the first client fails to start: later ones come after the network is back.
        const failing = clients.length === 0 ? options.fake?.failInitialize : 0;
        const client = createFakeWhatsAppClient({
          ...defaultFakeOptions,
          ...options.fake,
          failInitialize: failing ?? 0,
        });
        clients.push(client);
        return client;
      },
      pacing: { minGapMs: 0, jitterMs: 0, maxPerMinute: 100_000 },
      watchdog: {
        initialDelayMs: 20,
        maxDelayMs: 200,
        memoryLimitMb: 1000,
        memoryCheckMs: 20,
        ...options.watchdog,
      },
      ...(options.now ? { now: options.now } : {}),
      ...(options.ownIds
        ? { ownIds: (client) => options.ownIds!(client as FakeWhatsAppClient) }
        : {}),
      ...(options.memoryMb
        ? {
            measureMemoryMb: (client) =>
              Promise.resolve(options.memoryMb?.(client as FakeWhatsAppClient)),
          }
        : {}),
    },
  });
  await app.start();
  if (options.waitReady !== false) await app.whatsapp!.ready();
  return {
    app,
    logs: logger.entries,
    clients,
    client: () => clients.at(-1)!,
    settle: () => app.settle(),
    stop: () => app.stop(),
  };
}
