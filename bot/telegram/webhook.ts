// Telegram's webhook: an update is answered 200 once it is stored in the inbox (handling goes
// on afterwards), 503 while it cannot be stored (Telegram tries again later), 401 without the
// secret, 413 past the size limit, 408 when the body is too slow to come, and 400 when the
// body is not an update (logged once per body: Telegram retries any answer but 2xx).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Update } from 'grammy/types';
import type { Receipt } from '../../handlers/inbox/inbox.ts';
import type { Logger } from '../../handlers/ports.ts';
import { readBody } from '../http-server.ts';

export interface WebhookOptions {
  secret: string;
  receive(updates: Update[]): Promise<Receipt>;
  logger: Logger;
  /** Telegram's updates are a few kilobytes; a message with long quotes stays far below. */
  maxBytes?: number;
  /** The whole body must arrive within this. */
  readTimeoutMs?: number;
}

export const WEBHOOK_MAX_BYTES = 1_000_000;
export const WEBHOOK_READ_TIMEOUT_MS = 10_000;
/** Bodies already reported as not being updates (their hashes), so each is logged once. */
const REPORTED_MAX = 1_000;

export function createWebhookHandler(options: WebhookOptions) {
  const { logger } = options;
  const secret = Buffer.from(options.secret);
  const reported = new Set<string>();

  function reportOnce(body: Buffer, reason: string): void {
    const hash = createHash('sha256').update(body).digest('hex');
    if (reported.has(hash)) return;
    if (reported.size >= REPORTED_MAX) reported.clear();
    reported.add(hash);
    logger.warn(
      { reason, bytes: body.length, start: body.subarray(0, 120).toString('utf8') },
      'telegram webhook: body is not an update',
    );
  }

  return async function handleWebhook(req: IncomingMessage, res: ServerResponse) {
    const given = req.headers['x-telegram-bot-api-secret-token'];
    const token = Buffer.from(typeof given === 'string' ? given : '');
    if (token.length !== secret.length || !timingSafeEqual(token, secret)) {
      res.writeHead(401).end();
      req.resume();
      return;
    }
    const read = await readBody(req, {
      maxBytes: options.maxBytes ?? WEBHOOK_MAX_BYTES,
      timeoutMs: options.readTimeoutMs ?? WEBHOOK_READ_TIMEOUT_MS,
    });
    if (read.status !== 'ok') {
      const status = read.status === 'too_large' ? 413 : read.status === 'timeout' ? 408 : 400;
      logger.warn({ status, reason: read.status }, 'telegram webhook: body refused');
      if (!res.headersSent) res.writeHead(status, { connection: 'close' }).end();
      return;
    }
    const update = toUpdate(read.body);
    if (typeof update === 'string') {
      reportOnce(read.body, update);
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`${update}\n`);
      return;
    }
    try {
      await options.receive([update]);
    } catch (error) {
      logger.warn(
        { err: error, updateId: update.update_id },
        'telegram webhook: update not stored; Telegram will try again',
      );
      res.writeHead(503, { 'retry-after': '5' }).end();
      return;
    }
    res.writeHead(200).end();
  };
}

/** The update, or why the body is not one. */
function toUpdate(body: Buffer): Update | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return 'not JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'not an object';
  }
  const id = (parsed as { update_id?: unknown }).update_id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    return 'no update_id';
  }
  return parsed as Update;
}
