// Telegram in webhook mode: a POST to the webhook resolves once the update is handled, so
// each step is deterministic.
import { renderMarkup, plainStyle } from '../../bot/render-markup.ts';
import type { RecordedCall } from '../fakes/telegram-bot-api.ts';
import {
  botAddedUpdate,
  buttonsOf,
  callbackUpdate,
  groupChat,
  messageUpdate,
  nextUpdateId,
  people,
  privateChat,
  startTelegramHarness,
  type TelegramHarness,
} from '../support/telegram-harness.ts';
import {
  describeAdapterContract,
  type ContractDriver,
  type Seen,
  type Who,
} from './adapter-contract.ts';

const persons: Record<Who, (typeof people)['alice']> = {
  admin: people.alice,
  member: people.bruno,
};
const group = groupChat();

function toSeen(call: RecordedCall): Seen | undefined {
  const chatId = call.params.chat_id;
  const to =
    chatId === group.id
      ? 'group'
      : chatId === people.alice.id
        ? 'admin'
        : chatId === people.bruno.id
          ? 'member'
          : undefined;
  if (!to) return undefined;
  switch (call.method) {
    case 'sendMessage':
      return {
        to,
        kind: 'text',
        text: renderMarkup(String(call.params.text), plainStyle),
        options: buttonsOf(call).map((b) => b.text),
      };
    case 'sendPoll':
      return {
        to,
        kind: 'poll',
        text: String(call.params.question),
        options: (call.params.options as { text: string }[]).map((o) => o.text),
      };
    case 'sendDocument':
      return {
        to,
        kind: 'document',
        text: typeof call.params.caption === 'string' ? call.params.caption : '',
        options: [],
        filename: (call.params.document as { filename: string }).filename,
      };
    default:
      return undefined;
  }
}

describeAdapterContract('telegram', (): ContractDriver => {
  let h: TelegramHarness;
  let baseline = 0;
  let lastUpdate: Record<string, unknown> | undefined;
  const post = async (update: Record<string, unknown>) => {
    lastUpdate = update;
    const response = await h.postWebhook(update);
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  };
  const sends = () => h.fake.successfulCalls().filter((c) => c.method.startsWith('send'));
  return {
    platform: 'telegram',
    ids: { admin: String(people.alice.id), member: String(people.bruno.id) },
    async start(database, features) {
      h = await startTelegramHarness(database, { webhook: true, features });
      h.fake.setChatMember(group.id, people.alice.id, 'administrator');
      await post(botAddedUpdate(people.alice, group));
      baseline = sends().length;
    },
    stop: () => h.stop(),
    say: (who, where, text) =>
      post(
        messageUpdate(persons[who], where === 'group' ? group : privateChat(persons[who]), text),
      ),
    async choose(who, n) {
      const withButtons = sends()
        .filter((c) => c.method === 'sendMessage' && buttonsOf(c).length > 0)
        .at(-1);
      const { message_id } = withButtons!.result as { message_id: number };
      await post(
        callbackUpdate(
          persons[who],
          group,
          buttonsOf(withButtons)[n - 1]!.callback_data!,
          message_id,
        ),
      );
    },
    async vote(who, optionIndexes) {
      const poll = sends()
        .filter((c) => c.method === 'sendPoll')
        .at(-1)!;
      const { poll: sentPoll } = poll.result as { poll: { id: string } };
      await post({
        update_id: nextUpdateId(),
        poll_answer: { poll_id: sentPoll.id, user: persons[who], option_ids: optionIndexes },
      });
    },
    redeliverLast: () => post(lastUpdate!),
    seen: () =>
      sends()
        .slice(baseline)
        .flatMap((c) => toSeen(c) ?? []),
  };
});
