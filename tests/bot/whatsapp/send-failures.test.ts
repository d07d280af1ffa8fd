// What a failed WhatsApp send says about the message (classifyWhatsAppError): surely not sent
// when the session was down before anything reached WhatsApp Web (sending it again later
// cannot make a duplicate), unknown once the page had it (it may have gone out before the
// page failed), refused for good for a chat WhatsApp does not know. City messages and local
// events resend only what was surely not sent.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.ts';
import type { I18n } from '../../../handlers/i18n.ts';
import { TransientError } from '../../../handlers/errors.ts';
import type { ClientSurface } from '../../../bot/whatsapp/whatsapp-client.ts';
import {
  classifyWhatsAppError,
  createWhatsAppMessenger,
} from '../../../bot/whatsapp/whatsapp-messenger.ts';

const GROUP = '120363041234567890@g.us';

/** A messenger whose client is `client()`; a group chat asks nothing of the database. */
function messengerWith(client: () => ClientSurface) {
  return createWhatsAppMessenger({
    client,
    db: {} as Db,
    i18n: {} as I18n,
    botNumber: () => undefined,
    aliasesOf: () => Promise.resolve([]),
    ownIds: () => [],
  });
}

/** A client whose sendMessage answers with each of `answers` in turn. */
function clientAnswering(...answers: (() => Promise<unknown>)[]) {
  const calls: string[] = [];
  const client = {
    sendMessage: (_chatId: string, content: unknown) => {
      calls.push(String(content));
      const answer = answers[calls.length - 1];
      if (!answer) throw new Error('unexpected send');
      return answer();
    },
  } as unknown as ClientSurface;
  return { client, calls };
}

const sent = (id: string) => () => Promise.resolve({ id: { _serialized: id } });

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return classifyWhatsAppError(error);
}

describe('a failed WhatsApp send', () => {
  it('was surely not sent when the session was down before anything reached WhatsApp Web', async () => {
    const messenger = messengerWith(() => {
      throw new TransientError('WhatsApp is not connected');
    });
    const failure = await failureOf(messenger.send(GROUP, { kind: 'text', text: 'Bonjour' }));
    expect(failure).toEqual({ permanent: false, notSent: true });
  });

  it('may have arrived when the page failed once it had the message', async () => {
    const { client } = clientAnswering(() =>
      Promise.reject(new Error('Protocol error (Runtime.callFunctionOn): Target closed.')),
    );
    const failure = await failureOf(
      messengerWith(() => client).send(GROUP, { kind: 'text', text: 'Bonjour' }),
    );
    expect(failure.permanent).toBe(false);
    expect(failure.notSent).toBeUndefined();
  });

  it('may have arrived in part when a long text fails after its first part went out', async () => {
    const { client, calls } = clientAnswering(sent('false_x_1'), () =>
      Promise.reject(new Error('Evaluation failed: t: t')),
    );
    const failure = await failureOf(
      messengerWith(() => client).send(GROUP, { kind: 'text', text: 'mot '.repeat(1_500) }),
    );
    expect(calls).toHaveLength(2);
    expect(failure.notSent).toBeUndefined();
  });

  it('is refused for good, and was not sent, when WhatsApp does not know the chat', async () => {
    const { client } = clientAnswering(() => Promise.resolve(undefined));
    const failure = await failureOf(
      messengerWith(() => client).send(GROUP, { kind: 'text', text: 'Bonjour' }),
    );
    expect(failure).toEqual({ permanent: true, notSent: true });
  });

  it('leaves other errors, not met in a send, of unknown outcome', () => {
    expect(classifyWhatsAppError(new Error('anything'))).toEqual({ permanent: false });
    expect(classifyWhatsAppError('a string')).toEqual({ permanent: false });
  });
});
