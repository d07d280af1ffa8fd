// What the Telegram messenger remembers of getChatMember: a member's standing is asked at most
// once a minute, asked again once that minute is over (what had expired is gone, not kept
// until the cache is full), and asked again at once after a join or leave (forgetStanding).
import { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTelegramMessenger } from '../../../bot/telegram/telegram-messenger.ts';

function countingApi() {
  const asked: string[] = [];
  const api = new Api('123:fake');
  api.config.use((_prev, method, payload) => {
    const params = payload as { chat_id?: number; user_id?: number };
    if (method === 'getChatMember') asked.push(`${params.chat_id}:${params.user_id}`);
    const status = params.user_id === 1 ? 'administrator' : 'member';
    return Promise.resolve({
      ok: true,
      result: { status, user: { id: params.user_id, is_bot: false, first_name: 'Voisin' } },
    } as never);
  });
  return { api, asked };
}

describe('a member standing asked of Telegram', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-07T10:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('is asked once a minute at most, then again', async () => {
    const { api, asked } = countingApi();
    const messenger = createTelegramMessenger(api, 'voisins_bot');
    expect(await messenger.isAdmin('-100', '1')).toBe(true);
    expect(await messenger.isMember('-100', '1')).toBe(true);
    expect(await messenger.isMember('-100', '2')).toBe(true);
    expect(asked).toEqual(['-100:1', '-100:2']);

    vi.setSystemTime(new Date('2026-12-07T10:00:59Z'));
    await messenger.isMember('-100', '1');
    expect(asked).toHaveLength(2);

    vi.setSystemTime(new Date('2026-12-07T10:01:01Z'));
    await messenger.isMember('-100', '2');
    await messenger.isMember('-100', '1');
    expect(asked).toEqual(['-100:1', '-100:2', '-100:2', '-100:1']);
  });

  it('is asked again at once after the person joined or left', async () => {
    const { api, asked } = countingApi();
    const messenger = createTelegramMessenger(api, 'voisins_bot');
    await messenger.isMember('-100', '2');
    messenger.forgetStanding('-100', '2');
    await messenger.isMember('-100', '2');
    expect(asked).toEqual(['-100:2', '-100:2']);
  });
});
