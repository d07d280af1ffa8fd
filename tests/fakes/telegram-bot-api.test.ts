import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot, InputFile } from 'grammy';
import { startFakeBotApi, validateCall, type FakeBotApi } from './telegram-bot-api.ts';

interface ApiResponse {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

let fake: FakeBotApi;

beforeEach(async () => {
  fake = await startFakeBotApi();
});

afterEach(async () => {
  await fake.close();
});

function methodUrl(method: string, token = fake.token): string {
  return `${fake.url}/bot${token}/${method}`;
}

async function call(
  method: string,
  params: Record<string, unknown> = {},
): Promise<{ status: number; body: ApiResponse }> {
  const response = await fetch(methodUrl(method), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as ApiResponse };
}

describe('routing', () => {
  it('answers 404 to an unknown method and 401 to a wrong token', async () => {
    const unknown = await call('sendMesage', { chat_id: 1, text: 'hi' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ ok: false, error_code: 404, description: 'Not Found' });

    const response = await fetch(methodUrl('getMe', '1:WRONG'), { method: 'POST' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      ok: false,
      error_code: 401,
      description: 'Unauthorized',
    });
  });

  it('answers getMe, also with GET', async () => {
    const response = await fetch(methodUrl('getMe'));
    const body = (await response.json()) as ApiResponse;
    expect(body.result).toMatchObject({ id: 999000, is_bot: true, username: 'voisins_test_bot' });
  });

  it('answers 400 to an unparseable body', async () => {
    const response = await fetch(methodUrl('sendMessage'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chat_id": 1,',
    });
    expect(response.status).toBe(400);
    expect(fake.calls.at(-1)?.status).toBe(400);
  });
});

describe('validation', () => {
  it('rejects a missing required field', async () => {
    const { status, body } = await call('sendMessage', { text: 'hello' });
    expect(status).toBe(400);
    expect(body.description).toBe('Bad Request: chat_id is required');
  });

  it('rejects an unknown field, also nested in an object', async () => {
    const top = await call('sendMessage', { chat_id: 1, text: 'hello', colour: 'red' });
    expect(top.status).toBe(400);
    expect(top.body.description).toBe('Bad Request: unknown field colour');

    const nested = await call('sendMessage', {
      chat_id: 1,
      text: 'hello',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a', colour: 'red' }]] },
    });
    expect(nested.status).toBe(400);
    expect(nested.body.description).toBe(
      'Bad Request: unknown field reply_markup.inline_keyboard[0][0].colour',
    );
  });

  it('rejects a value of the wrong type', async () => {
    const { status, body } = await call('sendMessage', { chat_id: true, text: 'hello' });
    expect(status).toBe(400);
    expect(body.description).toMatch(/^Bad Request: chat_id must be Integer or String/);
    expect(validateCall('sendMessage', { chat_id: 1, text: 42 })).toMatch(/text must be String/);
    expect(validateCall('sendMessage', { chat_id: 1.5, text: 'x' })).toMatch(/chat_id/);
    expect(validateCall('getUpdates', { allowed_updates: 'message' })).toMatch(/Array of String/);
  });

  it('accepts a valid sendMessage and records it', async () => {
    const { status, body } = await call('sendMessage', {
      chat_id: -1001234,
      text: 'Bonjour',
      reply_markup: { inline_keyboard: [[{ text: 'Oui', callback_data: 'vote:yes' }]] },
    });
    expect(status).toBe(200);
    expect(body.result).toMatchObject({
      message_id: 1,
      chat: { id: -1001234, type: 'group' },
      from: { id: 999000, is_bot: true },
      text: 'Bonjour',
      reply_markup: { inline_keyboard: [[{ text: 'Oui', callback_data: 'vote:yes' }]] },
    });
    const second = await call('sendMessage', { chat_id: -1001234, text: 'Encore' });
    expect(second.body.result).toMatchObject({ message_id: 2 });
    expect(fake.successfulCalls('sendMessage').map((c) => c.params.text)).toEqual([
      'Bonjour',
      'Encore',
    ]);
  });

  it('rejects HTML with an unescaped "<" and accepts the escaped text', async () => {
    const raw = await call('sendMessage', {
      chat_id: 1,
      text: '<b>Offre</b> de Léa: 2 < 3 & co',
      parse_mode: 'HTML',
    });
    expect(raw.status).toBe(400);
    expect(raw.body.description).toMatch(/^Bad Request: can't parse entities: /);

    const escaped = await call('sendMessage', {
      chat_id: 1,
      text: '<b>Offre</b> de Léa: 2 &lt; 3 &amp; co',
      parse_mode: 'HTML',
    });
    expect(escaped.status).toBe(200);
    expect(fake.successfulCalls('sendMessage')).toHaveLength(1);
  });

  it('checks Telegram HTML tags, attributes and balance', () => {
    const html = (text: string): string | undefined =>
      validateCall('sendMessage', { chat_id: 1, text, parse_mode: 'HTML' });
    expect(html('<b>a</b> <i>b</i> <a href="https://x.org/?a=1&b=2">c</a>')).toBeUndefined();
    expect(
      html('<span class="tg-spoiler">s</span> <pre><code class="language-ts">x</code></pre>'),
    ).toBeUndefined();
    expect(html('<blockquote expandable>q</blockquote> &#x1F600; &quot;')).toBeUndefined();
    expect(html('<script>x</script>')).toMatch(/Unsupported start tag "script"/);
    expect(html('<b>a</i>')).toMatch(/Unmatched end tag/);
    expect(html('<b>a')).toMatch(/Can't find end tag/);
    expect(html('<span>a</span>')).toMatch(/tg-spoiler/);
    expect(html('a &nbsp; b')).toMatch(/Unsupported HTML entity/);
    expect(html('Tom & Jerry')).toMatch(/unescaped "&"/);
    expect(validateCall('sendMessage', { chat_id: 1, text: 'x', parse_mode: 'html5' })).toMatch(
      /unsupported parse_mode/,
    );
  });

  it('enforces real limits', () => {
    const send = (params: Record<string, unknown>): string | undefined =>
      validateCall('sendMessage', { chat_id: 1, ...params });
    expect(send({ text: '   ' })).toBe('Bad Request: message text is empty');
    expect(send({ text: 'x'.repeat(4097) })).toBe('Bad Request: message is too long');
    expect(send({ text: `<b>${'x'.repeat(4096)}</b>`, parse_mode: 'HTML' })).toBeUndefined();
    expect(send({ text: `<b>${'x'.repeat(4097)}</b>`, parse_mode: 'HTML' })).toBe(
      'Bad Request: message is too long',
    );
    // After entity parsing, in code points as TDLib counts (utf8_length): an emoji is one.
    expect(send({ text: '&amp;'.repeat(4096), parse_mode: 'HTML' })).toBeUndefined();
    expect(send({ text: '😀'.repeat(4096) })).toBeUndefined();
    expect(send({ text: '😀'.repeat(4097) })).toBe('Bad Request: message is too long');
    // Half an emoji is not UTF-8: Telegram refuses the call.
    expect(send({ text: `a${'😀'.slice(0, 1)}` })).toMatch(/must be encoded in UTF-8/);
    expect(send({ text: '😀'.slice(1) + 'b' })).toMatch(/must be encoded in UTF-8/);
    const button = (data: string) => ({
      text: 'x',
      reply_markup: { inline_keyboard: [[{ text: 'B', callback_data: data }]] },
    });
    expect(send(button('é'.repeat(32)))).toBeUndefined(); // 64 bytes
    expect(send(button('é'.repeat(33)))).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect(send(button(''))).toBe('Bad Request: BUTTON_DATA_INVALID');

    const poll = (count: number): string | undefined =>
      validateCall('sendPoll', {
        chat_id: 1,
        question: 'Q?',
        options: Array.from({ length: count }, (_, i) => ({ text: `o${i}` })),
      });
    expect(poll(1)).toBe('Bad Request: POLL_OPTIONS_INVALID');
    expect(poll(2)).toBeUndefined();
    expect(poll(12)).toBeUndefined();
    expect(poll(13)).toBe('Bad Request: POLL_OPTIONS_INVALID');

    expect(
      validateCall('setMyCommands', {
        commands: [{ command: 'Start', description: 'Démarrer' }],
        scope: { type: 'all_group_chats' },
      }),
    ).toBe('Bad Request: BOT_COMMAND_INVALID');
    expect(
      validateCall('setMyCommands', {
        commands: [{ command: 'start', description: 'Démarrer' }],
        scope: { type: 'chat', chat_id: -100 },
      }),
    ).toBeUndefined();
    expect(validateCall('setMyCommands', { commands: [], scope: { type: 'galaxy' } })).toMatch(
      /scope.type must be one of default/,
    );
    expect(validateCall('editMessageText', { text: 'x' })).toMatch(/message identifier/);
  });
});

describe('getUpdates', () => {
  it('returns a pushed update to a waiting long poll and honours offset', async () => {
    const poll = call('getUpdates', { timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.nextUpdateId()).toBe(1);
    const id = fake.pushUpdate({ message: { message_id: 1, text: 'hi' } });
    expect(id).toBe(1);
    const first = await poll;
    expect(first.body.result).toEqual([{ update_id: 1, message: { message_id: 1, text: 'hi' } }]);

    fake.pushUpdate({ message: { message_id: 2, text: 'second' } });
    const again = await call('getUpdates', { offset: 1 });
    expect(again.body.result).toHaveLength(2); // update 1 is not confirmed yet
    const confirmed = await call('getUpdates', { offset: 2 });
    expect(confirmed.body.result).toEqual([expect.objectContaining({ update_id: 2 })]);
    const replay = await call('getUpdates', {});
    expect(replay.body.result).toEqual([expect.objectContaining({ update_id: 2 })]);
    const empty = await call('getUpdates', { offset: 3 });
    expect(empty.body.result).toEqual([]);
    expect(fake.pushUpdate({ update_id: 10 })).toBe(10);
    expect(fake.nextUpdateId()).toBe(11);
  });

  it('returns [] when the long poll times out', async () => {
    const started = Date.now();
    const { status, body } = await call('getUpdates', { timeout: 1 });
    expect(status).toBe(200);
    expect(body.result).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('ends a pending long poll on close()', async () => {
    const poll = call('getUpdates', { timeout: 30 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await fake.close();
    const { body } = await poll;
    expect(body.result).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('failures and waiting', () => {
  it('fails the next calls with 429 then succeeds, without side effects', async () => {
    fake.failNext('sendMessage', 1, { status: 429, retryAfter: 3 });
    const failed = await call('sendMessage', { chat_id: 1, text: 'hi' });
    expect(failed.status).toBe(429);
    expect(failed.body).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    });
    const retried = await call('sendMessage', { chat_id: 1, text: 'hi' });
    expect(retried.status).toBe(200);
    expect(retried.body.result).toMatchObject({ message_id: 1 });
    expect(fake.calls.map((c) => c.status)).toEqual([429, 200]);
    expect(fake.successfulCalls()).toHaveLength(1);
  });

  it("fails any method but getUpdates with '*'", async () => {
    fake.failNext('*', 2, { status: 502 });
    expect((await call('getUpdates')).status).toBe(200);
    expect((await call('getMe')).status).toBe(502);
    expect((await call('sendMessage', { chat_id: 1, text: 'a' })).status).toBe(502);
    expect((await call('getMe')).status).toBe(200);
  });

  it('enforces a send rate with a token bucket, answering 429 with retry_after', async () => {
    // 3 at once, then 2 a second: the margins leave ~400 ms for slow machines.
    fake.limitRate({ perSecond: 2, burst: 3 });
    const send = async () => (await call('sendMessage', { chat_id: 1, text: 'hi' })).status;
    const burst = [await send(), await send(), await send(), await send()];
    expect(burst).toEqual([200, 200, 200, 429]);
    expect((await call('getMe')).status).toBe(200); // only sendMessage counts
    const refused = fake.calls.find((c) => c.status === 429);
    expect(refused?.params).toEqual({ chat_id: 1, text: 'hi' });
    const limited = await call('sendMessage', { chat_id: 1, text: 'hi' });
    expect(limited.body).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });

    await new Promise((resolve) => setTimeout(resolve, 600)); // one token back, not two
    expect([await send(), await send()]).toEqual([200, 429]);
    expect(fake.successfulCalls('sendMessage')).toHaveLength(4);

    fake.limitRate(undefined);
    expect([await send(), await send()]).toEqual([200, 200]);
  });

  it('waits for calls, and explains a timeout', async () => {
    const waiting = fake.waitForCalls('sendMessage', 2, 2000);
    await call('sendMessage', { chat_id: 1, text: 'a' });
    await call('sendMessage', { chat_id: 1, text: 'b' });
    expect(await waiting).toHaveLength(2);

    await call('sendMessage', { chat_id: 1 });
    await expect(fake.waitForCalls('sendPoll', 1, 100)).rejects.toThrow(
      /expected 1 successful sendPoll call\(s\) within 100 ms, saw 0[\s\S]*text is required/,
    );
  });

  it('answers getChatMember, getMyCommands and setWebhook plausibly', async () => {
    fake.setChatMember(-100, 7, 'administrator');
    const admin = await call('getChatMember', { chat_id: -100, user_id: 7 });
    expect(admin.body.result).toMatchObject({
      status: 'administrator',
      user: { id: 7, is_bot: false, first_name: 'User7' },
      can_delete_messages: true,
    });
    const member = await call('getChatMember', { chat_id: -100, user_id: 8 });
    expect(member.body.result).toEqual({
      status: 'member',
      user: { id: 8, is_bot: false, first_name: 'User8' },
    });
    const admins = await call('getChatAdministrators', { chat_id: -100 });
    expect(admins.body.result).toEqual([expect.objectContaining({ status: 'administrator' })]);

    const scope = { type: 'chat', chat_id: -100 };
    const commands = [{ command: 'aide', description: 'Aide' }];
    expect((await call('setMyCommands', { commands, scope })).status).toBe(200);
    expect((await call('getMyCommands', { scope })).body.result).toEqual(commands);
    expect((await call('getMyCommands', {})).body.result).toEqual([]);

    await call('setWebhook', { url: 'https://example.org/hook', secret_token: 'abc' });
    expect(fake.webhook()).toEqual({ url: 'https://example.org/hook', secret_token: 'abc' });
    expect((await call('getUpdates')).status).toBe(409);
    await call('deleteWebhook');
    expect(fake.webhook()).toBeUndefined();
  });
});

describe('multipart', () => {
  it('accepts sendDocument with a file and a JSON-string reply_markup, decoded', async () => {
    const form = new FormData();
    form.append('chat_id', '-1001');
    form.append('caption', 'Le règlement');
    form.append(
      'reply_markup',
      JSON.stringify({ inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] }),
    );
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]);
    form.append('document', new Blob([bytes]), 'règlement.pdf');
    const response = await fetch(methodUrl('sendDocument'), { method: 'POST', body: form });
    const body = (await response.json()) as ApiResponse;
    expect(response.status).toBe(200);
    expect(body.result).toMatchObject({
      document: { file_name: 'règlement.pdf', file_size: 10 },
      caption: 'Le règlement',
      reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] },
    });
    expect(fake.successfulCalls('sendDocument')[0]?.params).toEqual({
      chat_id: -1001,
      caption: 'Le règlement',
      reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] },
      document: { filename: 'règlement.pdf', size: 10 },
    });
  });

  it('validates multipart fields like JSON ones', async () => {
    const form = new FormData();
    form.append('chat_id', '1');
    form.append('document', new Blob(['x']), 'a.txt');
    form.append('reply_markup', '{"inline_keyboard": [[{"text": "no action"}]]}');
    const response = await fetch(methodUrl('sendDocument'), { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiResponse).description).toMatch(/inline keyboard/);
  });
});

describe('with a real grammY bot', () => {
  it('sends a message and a document', async () => {
    const bot = new Bot(fake.token, { client: { apiRoot: fake.url } });
    const message = await bot.api.sendMessage(42, '<b>Salut</b> &amp; bienvenue', {
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: [[{ text: 'Aider', callback_data: 'help:1' }]] },
    });
    expect(message.message_id).toBe(1);
    expect(message.chat).toMatchObject({ id: 42, type: 'private' });

    const sent = await bot.api.sendDocument(
      42,
      new InputFile(Buffer.from('%PDF-1.4 test'), 'a.pdf'),
      {
        caption: 'Document',
        reply_markup: { inline_keyboard: [[{ text: 'Lu', callback_data: 'read' }]] },
      },
    );
    expect(sent.document).toMatchObject({ file_name: 'a.pdf', file_size: 13 });
    const [upload] = fake.successfulCalls('sendDocument');
    expect(upload?.params).toEqual({
      chat_id: 42,
      caption: 'Document',
      reply_markup: { inline_keyboard: [[{ text: 'Lu', callback_data: 'read' }]] },
      document: { filename: 'a.pdf', size: 13 },
    });

    await expect(bot.api.sendMessage(42, '1 < 2', { parse_mode: 'HTML' })).rejects.toThrow(
      /can't parse entities/,
    );
  });
});

describe('polls and a group upgraded to a supergroup', () => {
  const poll = { question: 'Quel soir ?', options: [{ text: 'Vendredi' }, { text: 'Samedi' }] };
  const pollIn = async (chatId: number) => {
    const sent = await call('sendPoll', { chat_id: chatId, ...poll });
    return (sent.body.result as { message_id: number }).message_id;
  };

  it('stops a poll the bot sent in that chat, once', async () => {
    const id = await pollIn(-555);
    expect((await call('stopPoll', { chat_id: -555, message_id: id + 1 })).body.description).toBe(
      'Bad Request: message with poll to stop not found',
    );
    const text = await call('sendMessage', { chat_id: -555, text: 'Bonjour' });
    const textId = (text.body.result as { message_id: number }).message_id;
    expect((await call('stopPoll', { chat_id: -555, message_id: textId })).body.description).toBe(
      'Bad Request: message is not a poll',
    );
    const stopped = await call('stopPoll', { chat_id: -555, message_id: id });
    expect(stopped.body.result).toMatchObject({ question: 'Quel soir ?', is_closed: true });
    expect(fake.message(-555, id)).toMatchObject({ poll: { is_closed: true } });
    expect((await call('stopPoll', { chat_id: -555, message_id: id })).body.description).toBe(
      'Bad Request: poll has already been closed',
    );
  });

  it('refuses sends to the old group with its new id, and keeps its messages in it', async () => {
    const id = await pollIn(-555);
    fake.migrateChat(-555, -1000000000555);
    const sent = await call('sendMessage', { chat_id: -555, text: 'Bonjour' });
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1000000000555 },
    });
    expect((await call('getChatAdministrators', { chat_id: -555 })).status).toBe(400);
    // The poll is not in the supergroup, whose message ids start again.
    const moved = await call('stopPoll', { chat_id: -1000000000555, message_id: id });
    expect(moved.body.description).toBe('Bad Request: message with poll to stop not found');
    const first = await call('sendMessage', { chat_id: -1000000000555, text: 'Bonjour' });
    expect(first.body.result).toMatchObject({
      message_id: 1,
      chat: { id: -1000000000555, type: 'supergroup' },
    });
    // In the old group, read-only by default.
    const old = await call('stopPoll', { chat_id: -555, message_id: id });
    expect(old.body.description).toBe("Bad Request: poll can't be stopped");
    expect(fake.message(-555, id)).toMatchObject({ poll: { is_closed: false } });
  });

  it('can let the old group’s messages be edited', async () => {
    const id = await pollIn(-556);
    fake.migrateChat(-556, -1000000000556, { oldMessages: 'editable' });
    expect((await call('stopPoll', { chat_id: -556, message_id: id })).status).toBe(200);
    expect(fake.message(-556, id)).toMatchObject({ poll: { is_closed: true } });
    expect((await call('sendMessage', { chat_id: -556, text: 'x' })).status).toBe(400);
  });
});
