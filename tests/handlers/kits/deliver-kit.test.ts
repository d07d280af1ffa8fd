// When a PDF cannot be made, the kit still reaches the chat as text, and the error is
// logged: through the real router, with a messenger that records what it sends.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentRequest } from '../../../handlers/kits/deliver-kit.ts';
import { createKitsFeature } from '../../../handlers/kits/index.ts';
import { loadKits } from '../../../handlers/kits/load-kits.ts';
import { createRouter } from '../../../handlers/router.ts';
import {
  createTestDatabase,
  resetDatabase,
  type TestDatabase,
} from '../../support/test-database.ts';
import { createMemoryLogger, createTestDeps } from '../../support/test-deps.ts';
import { createRecordingMessenger, type Sent } from '../../support/recording-messenger.ts';
import { UnprintableTextError } from '../../../handlers/kits/pdf/printable-text.ts';

/** "/kit <args>" in a Telegram group, through the router; what was sent and rendered. */
function ask(
  args: string,
  render: (request: DocumentRequest) => Promise<Uint8Array>,
  title = 'Les Lilas',
) {
  return say(`/kit ${args}`, render, title, { name: 'kit', args });
}

/** A message to the bot in a Telegram group, a command or plain words. */
async function say(
  text: string,
  render: (request: DocumentRequest) => Promise<Uint8Array>,
  title = 'Les Lilas',
  command?: { name: string; args: string },
) {
  const deps = await createTestDeps(database.db);
  const feature = createKitsFeature({ catalogue: loadKits(), render });
  const router = createRouter(deps, [feature]);
  const records: Sent[] = [];
  await router.handle(
    {
      type: 'message',
      id: `tg:${text}`,
      chat: { platform: 'telegram', id: '-1001', kind: 'group', title },
      sender: { platform: 'telegram', id: '7', displayName: 'Zoé' },
      text,
      addressed: true,
      ...(command ? { command } : {}),
    },
    createRecordingMessenger(records, { botLink: 'https://t.me/voisins_test_bot' }),
  );
  return records.map((r) => r.message);
}

const pdf = () => Promise.resolve(new TextEncoder().encode('%PDF-1.4'));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

describe('delivering a kit', () => {
  it('sends the summary even when a document fails, and logs the error', async () => {
    const deps = await createTestDeps(database.db);
    const logger = createMemoryLogger();
    deps.logger = logger;
    let calls = 0;
    const feature = createKitsFeature({
      catalogue: loadKits(),
      render: (request) => {
        calls++;
        return request.kind === 'poster'
          ? Promise.reject(new Error('font missing'))
          : Promise.resolve(new TextEncoder().encode('%PDF-1.4'));
      },
    });
    const router = createRouter(deps, [feature]);
    const records: Sent[] = [];
    await router.handle(
      {
        type: 'message',
        id: 'tg:1',
        chat: { platform: 'telegram', id: '-1001', kind: 'group', title: 'Les Lilas' },
        sender: { platform: 'telegram', id: '7', displayName: 'Zoé' },
        text: '/kit canicule',
        addressed: true,
        command: { name: 'kit', args: 'canicule' },
      },
      createRecordingMessenger(records, { botLink: 'https://t.me/voisins_test_bot' }),
    );
    const sent = records.map((r) => r.message);
    const kit = loadKits().get('canicule', 'fr');
    expect(calls).toBe(kit.documents.length);
    expect(sent[0]).toMatchObject({
      kind: 'text',
      text: expect.stringContaining('<b>Canicule</b>'),
    });
    expect((sent[0] as { text: string }).text).toContain('15');
    expect(sent.filter((m) => m.kind === 'document')).toHaveLength(kit.documents.length - 1);
    expect(sent.at(-1)).toMatchObject({
      kind: 'text',
      text: expect.stringContaining("1 document n'a pas pu être préparé"),
    });
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'kit document not generated',
        obj: expect.objectContaining({ document: 'poster' }),
      }),
    );
  });

  it('gives the large-print and easy-to-read documents asked for, the words never a place', async () => {
    const requests: DocumentRequest[] = [];
    const record = (request: DocumentRequest) => {
      requests.push(request);
      return pdf();
    };
    const large = await ask('fête des voisin grand', record);
    expect(requests.every((r) => r.variant === 'large' && r.place === undefined)).toBe(true);
    expect(large.filter((m) => m.kind === 'document').map((m) => m.filename)).toContain(
      'fete-des-voisins-affiche-gros-caracteres.pdf',
    );
    requests.length = 0;
    await ask('canicule facile 19h hall', record);
    expect(requests[0]).toMatchObject({ variant: 'easy', time: '19 h', place: 'hall' });
    requests.length = 0;
    const noEasy = await ask('galette facile', record);
    expect(noEasy.some((m) => m.kind === 'text' && m.text.includes('gros caractères'))).toBe(true);
    expect(requests.every((r) => r.variant === 'large')).toBe(true);
  });

  it('gives large print asked for in plain words with a phrase', async () => {
    // "le kit canicule en gros caractères" in a sentence gave the standard documents.
    const requests: DocumentRequest[] = [];
    const record = (request: DocumentRequest) => {
      requests.push(request);
      return pdf();
    };
    await say('bot, tu as le kit canicule en gros caractères ?', record);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.kit.id === 'canicule' && r.variant === 'large')).toBe(true);
    requests.length = 0;
    // A single word is too common in a sentence to count ("facile").
    await say("bot, c'est facile de trouver l'affiche canicule ?", record);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.variant === undefined)).toBe(true);
  });

  it('says once which characters cannot be printed, rather than failing every document', async () => {
    let calls = 0;
    const sent = await ask('canicule', () => {
      calls++;
      return Promise.reject(new UnprintableTextError(['س', 'ل'], 'حي السلام'));
    });
    expect(calls).toBe(1);
    expect(sent.at(-1)).toMatchObject({
      kind: 'text',
      text: expect.stringContaining('ne savent pas écrire ces caractères\u202f: س ل'),
    });
  });
});
