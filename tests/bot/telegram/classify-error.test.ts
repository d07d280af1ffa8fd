// How a failed Bot API call is read by the outbox (bot/outbox/): refused for good, try later,
// or try again at once (a kept-alive connection the server had just closed).
import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { classifyTelegramError } from '../../../bot/telegram/create-telegram-adapter.ts';

const network = (code: string) =>
  new HttpError(
    `Network request for 'sendMessage' failed!`,
    Object.assign(new Error(code), { code }),
  );
const api = (error_code: number, parameters = {}) =>
  new GrammyError(
    'Call failed',
    { ok: false, error_code, description: 'x', parameters },
    'sendMessage',
    {},
  );

describe('classifyTelegramError', () => {
  it('tries a reset connection again at once, and other network failures later', () => {
    expect(classifyTelegramError(network('ECONNRESET'))).toEqual({
      permanent: false,
      connectionReset: true,
    });
    expect(classifyTelegramError(network('EPIPE')).connectionReset).toBe(true);
    expect(classifyTelegramError(network('ECONNREFUSED'))).toEqual({
      permanent: false,
      connectionReset: false,
    });
  });

  it('waits as long as a 429 says, retries a 5xx, and gives up on a 4xx', () => {
    expect(classifyTelegramError(api(429, { retry_after: 7 }))).toEqual({
      permanent: false,
      retryAfterMs: 7_000,
    });
    expect(classifyTelegramError(api(502)).permanent).toBe(false);
    expect(classifyTelegramError(api(403)).permanent).toBe(true);
  });
});
