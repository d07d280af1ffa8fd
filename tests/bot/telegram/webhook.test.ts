// Telegram's webhook as an HTTP endpoint (bot/telegram/webhook.ts) on the bot's own server:
// what it answers to a good update, a wrong secret, a body that is not an update, a body
// too large or too slow, and a database that cannot store the update.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServer } from '../../../bot/http-server.ts';
import { createWebhookHandler } from '../../../bot/telegram/webhook.ts';
import type { Update } from 'grammy/types';
import { createMemoryLogger } from '../../support/test-deps.ts';

const SECRET = 'webhook-secret-0123456789';
let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(receive: (updates: Update[]) => Promise<void>) {
  const logger = createMemoryLogger();
  const handle = createWebhookHandler({
    secret: SECRET,
    logger,
    maxBytes: 10_000,
    readTimeoutMs: 300,
    receive: async (updates) => {
      await receive(updates);
      return { stored: updates.length, handled: Promise.resolve() };
    },
  });
  server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    logger,
    health: () => Promise.resolve({ ok: true, database: true, adapters: {} }),
    telegramWebhook: { path: '/hook', handle },
  });
  const post = (body: string, secret = SECRET) =>
    fetch(`http://127.0.0.1:${server!.port}/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body,
    });
  return { logger, post, port: server.port };
}

describe('the Telegram webhook', () => {
  it('answers 200 once the update is stored, and not before', async () => {
    let stored!: () => void;
    const storing = new Promise<void>((resolve) => (stored = resolve));
    const received: Update[] = [];
    const { post } = await serve(async (updates) => {
      received.push(...updates);
      await storing;
    });
    let answered = false;
    const response = post(JSON.stringify({ update_id: 7, message: { text: 'hi' } })).then((r) => {
      answered = true;
      return r;
    });
    try {
      await expect.poll(() => received.length).toBe(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(answered).toBe(false);
    } finally {
      stored();
    }
    expect((await response).status).toBe(200);
  });

  it('refuses a wrong secret, and bodies that are not updates, logging each body once', async () => {
    const received: Update[] = [];
    const { post, logger } = await serve((updates) => {
      received.push(...updates);
      return Promise.resolve();
    });
    expect((await post('{"update_id":1}', 'wrong-secret-0123456789')).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await post('{"update_id": 1,')).status).toBe(400);
    expect((await post('[1,2]')).status).toBe(400);
    expect((await post('{"update_id":"x"}')).status).toBe(400);
    expect((await post('{"update_id":-4}')).status).toBe(400);
    expect(received).toEqual([]);
    const reports = logger.entries.filter(
      (e) => e.msg === 'telegram webhook: body is not an update',
    );
    // Telegram retries the same poison body: it is logged once.
    expect(reports).toHaveLength(4);
  });

  it('refuses a body past the size limit, declared or not, and a body too slow to come', async () => {
    const { post, port } = await serve(() => Promise.resolve());
    const big = JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(20_000) } });
    expect((await post(big)).status).toBe(413);

    // Chunked, without a length: cut off once past the limit.
    const chunked = await rawRequest(port, [
      `POST /hook HTTP/1.1\r\nHost: x\r\nx-telegram-bot-api-secret-token: ${SECRET}\r\n` +
        'transfer-encoding: chunked\r\ncontent-type: application/json\r\n\r\n',
      `4e20\r\n${'x'.repeat(20_000)}\r\n`,
    ]);
    expect(chunked).toMatch(/^HTTP\/1\.1 413/);

    // A body that stops coming: 408 after the read timeout, the socket is not kept.
    const slow = await rawRequest(port, [
      `POST /hook HTTP/1.1\r\nHost: x\r\nx-telegram-bot-api-secret-token: ${SECRET}\r\n` +
        'content-type: application/json\r\ncontent-length: 100\r\n\r\n{"update_id":',
    ]);
    expect(slow).toMatch(/^HTTP\/1\.1 408/);
  });

  it('answers 503 while the update cannot be stored, so that Telegram tries again', async () => {
    let down = true;
    const { post } = await serve(() =>
      down ? Promise.reject(new Error('connect ECONNREFUSED')) : Promise.resolve(),
    );
    const body = JSON.stringify({ update_id: 9, message: { text: '/aide' } });
    expect((await post(body)).status).toBe(503);
    down = false;
    expect((await post(body)).status).toBe(200);
  });
});

/** Writes raw request pieces and resolves with whatever the server answered. */
function rawRequest(port: number, pieces: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
    socket.on('connect', () => {
      for (const piece of pieces) socket.write(piece);
    });
    setTimeout(() => socket.destroy(), 3_000);
  });
}
