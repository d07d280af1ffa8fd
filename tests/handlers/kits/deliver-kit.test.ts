// When a PDF cannot be made, the kit still reaches the chat as text, and the error is
// logged: through the real router, with a messenger that records what it sends.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../handlers/events.ts';
import { createKitsFeature } from '../../../handlers/kits/index.ts';
import { loadKits } from '../../../handlers/kits/load-kits.ts';
import type { Messenger } from '../../../handlers/ports.ts';
import { createRouter } from '../../../handlers/router.ts';
import {
  createTestDatabase,
  resetDatabase,
  type TestDatabase,
} from '../../support/test-database.ts';
import { createMemoryLogger, createTestDeps } from '../../support/test-deps.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

function recording(sent: OutboundMessage[]): Messenger {
  return {
    platform: 'telegram',
    capabilities: {
      inlineButtons: true,
      editMessages: true,
      nativePolls: true,
      pollVoterIdentity: true,
      maxPollOptions: 12,
      maxMessageLength: 4096,
      canMessageFirst: false,
      documents: true,
    },
    send: (_chatId, message) => {
      sent.push(message);
      return Promise.resolve({ messageId: String(sent.length) });
    },
    edit: () => Promise.resolve(),
    closePoll: () => Promise.resolve(),
    acknowledgeChoice: () => Promise.resolve(),
    isAdmin: () => Promise.resolve(false),
    privateChatLink: () => undefined,
    botLink: () => 'https://t.me/voisins_test_bot',
    privateChatId: (id) => id,
  };
}

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
    const sent: OutboundMessage[] = [];
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
      recording(sent),
    );
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
});
