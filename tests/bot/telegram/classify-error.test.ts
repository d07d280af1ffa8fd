// How a failed Bot API call is read by the outbox (bot/outbox/): refused for good, try later,
// or try again at once (a kept-alive connection the server had just closed); and whether
// Telegram surely did not take it (a sender that must not send twice needs to know).
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
    // A reset may come after Telegram took the message: not known to be unsent.
    expect(classifyTelegramError(network('ECONNRESET'))).toEqual({
      permanent: false,
      connectionReset: true,
      notSent: false,
    });
    expect(classifyTelegramError(network('EPIPE')).connectionReset).toBe(true);
    expect(classifyTelegramError(network('ETIMEDOUT')).notSent).toBe(false);
    // No connection at all: nothing went out.
    expect(classifyTelegramError(network('ECONNREFUSED'))).toEqual({
      permanent: false,
      connectionReset: false,
      notSent: true,
    });
    expect(classifyTelegramError(network('ENOTFOUND')).notSent).toBe(true);
  });

  it('waits as long as a 429 says, retries a 5xx, and gives up on a 4xx', () => {
    expect(classifyTelegramError(api(429, { retry_after: 7 }))).toEqual({
      permanent: false,
      retryAfterMs: 7_000,
      notSent: true,
    });
    // A 5xx may come once the message went out; a 4xx is a refusal.
    expect(classifyTelegramError(api(502))).toEqual({ permanent: false, notSent: false });
    expect(classifyTelegramError(api(403))).toEqual({ permanent: true, notSent: true });
  });
});
