import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../bot/config.ts';

const token = '123456789:AAHk-abcdefghijklmnopqrstuvwxyz012';

describe('config', () => {
  it('runs the terminal chat on an embedded database when nothing is configured', () => {
    const config = parseConfig({});
    expect(config.console).toBe(true);
    expect(config.telegram).toBeUndefined();
    expect(config.database.url).toBeUndefined();
    expect(config.database.pgliteDir).toBe('./data/pglite');
    expect(config.http.port).toBe(8080);
  });

  it('runs Telegram by long polling with a token, by webhook with a URL and a secret', () => {
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: token })).toMatchObject({
      console: false,
      telegram: { token, apiRoot: 'https://api.telegram.org', maxSendsPerSecond: 30 },
    });
    const webhook = parseConfig({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: 'a-long-enough-secret-123',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      DATABASE_URL: 'postgres://u@h/db',
      PORT: '3000',
      TELEGRAM_MAX_SENDS_PER_SECOND: '300',
    });
    expect(webhook.telegram).toEqual({
      token,
      apiRoot: 'http://127.0.0.1:8081',
      maxSendsPerSecond: 300,
      webhook: {
        url: 'https://bot.example.org/telegram/webhook',
        secret: 'a-long-enough-secret-123',
      },
    });
    expect(webhook.database.url).toBe('postgres://u@h/db');
    expect(webhook.http.port).toBe(3000);
  });

  it('refuses an unpatched database driver unless DATABASE_UNPATCHED_DRIVER_OK says otherwise', () => {
    expect(parseConfig({}).database.unpatchedDriverOk).toBe(false);
    expect(parseConfig({ DATABASE_UNPATCHED_DRIVER_OK: 'true' }).database.unpatchedDriverOk).toBe(
      true,
    );
    expect(() => parseConfig({ DATABASE_UNPATCHED_DRIVER_OK: 'maybe' })).toThrow(
      /DATABASE_UNPATCHED_DRIVER_OK/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: '', DATABASE_URL: '' }).console).toBe(true);
  });

  it('names each bad variable and how to fix it', () => {
    try {
      parseConfig({
        TELEGRAM_BOT_TOKEN: 'nope',
        DATABASE_URL: 'mysql://x',
        TELEGRAM_WEBHOOK_URL: 'https://x.org/hook',
        PORT: 'eighty',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/TELEGRAM_BOT_TOKEN .*BotFather/);
      expect(message).toMatch(/DATABASE_URL must start with postgres:\/\//);
      expect(message).toMatch(/TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL/);
      expect(message).toMatch(/PORT/);
    }
  });
});
