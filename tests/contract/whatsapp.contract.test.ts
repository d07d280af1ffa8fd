// WhatsApp through the real adapter and a fake client with whatsapp-web.js's interface.
// Messages come from people's @c.us ids and votes from their @lid ids, as happens at run
// time: the contract's "same person" assertion holds only if both ids are linked.
import type { FakeMessage } from '../fakes/whatsapp-client.ts';
import { startWhatsAppHarness, wa, type WhatsAppHarness } from '../support/whatsapp-harness.ts';
import {
  describeAdapterContract,
  type ContractDriver,
  type Seen,
  type Who,
} from './adapter-contract.ts';

const persons: Record<Who, (typeof wa)['alice']> = { admin: wa.alice, member: wa.bruno };

describeAdapterContract('whatsapp', (): ContractDriver => {
  let h: WhatsAppHarness;
  let baseline = 0;
  let lastMessage: FakeMessage | undefined;
  const toSeen = (chatId: string): Seen['to'] | undefined =>
    chatId === wa.group
      ? 'group'
      : chatId === wa.alice.pn
        ? 'admin'
        : chatId === wa.bruno.pn
          ? 'member'
          : undefined;
  return {
    platform: 'whatsapp',
    ids: { admin: wa.alice.pn, member: wa.bruno.pn },
    async start(database, features) {
      h = await startWhatsAppHarness(database, { features });
      h.client().joinGroup(wa.group, [h.client().info.wid._serialized], { author: wa.alice.pn });
      await h.settle();
      baseline = h.client().sent.length;
    },
    stop: () => h.stop(),
    async say(who, where, text) {
      const person = persons[who];
      lastMessage =
        where === 'group'
          ? h.client().receiveGroupMessage({
              group: wa.group,
              author: person.pn,
              body: text,
              notifyName: person.name,
            })
          : h
              .client()
              .receivePrivateMessage({ from: person.pn, body: text, notifyName: person.name });
      await h.settle();
    },
    async choose(who, n) {
      const person = persons[who];
      lastMessage = h.client().receiveGroupMessage({
        group: wa.group,
        author: person.pn,
        body: String(n),
        notifyName: person.name,
      });
      await h.settle();
    },
    async vote(who, optionIndexes) {
      h.client().vote({
        pollMessageId: h.client().lastPollMessageId(wa.group),
        voter: persons[who].lid,
        selectedLocalIds: optionIndexes,
      });
      await h.settle();
    },
    async redeliverLast() {
      h.client().redeliver(lastMessage!);
      await h.settle();
    },
    seen: () =>
      h
        .client()
        .sent.slice(baseline)
        .flatMap((s): Seen[] => {
          const to = toSeen(s.chatId);
          if (!to) return [];
          if (s.kind === 'poll')
            return [{ to, kind: 'poll', text: s.poll!.question, options: s.poll!.options }];
          if (s.kind === 'document') {
            return [
              {
                to,
                kind: 'document',
                text: s.text ?? '',
                options: [],
                filename: s.document!.filename,
              },
            ];
          }
          const text = s.text ?? '';
          const options = text.split('\n').flatMap((l) => /^\*\d+\.\* (.*)$/.exec(l)?.[1] ?? []);
          return [{ to, kind: 'text', text, options }];
        }),
  };
});
