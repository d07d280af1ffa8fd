// Moving from a group to a private chat. Personal things (a person's data, a volunteer's
// matches, a referent's rounds) are never said in the group. Telegram lets a bot write to a
// person only after they started it, so a person who has not gets a deep link instead; the
// same politeness applies to WhatsApp, where the bot never writes first.
import type { OutboundMessage } from './events.ts';
import { isPress, type HandlerContext } from './feature.ts';
import { toLocale, type Locale, type T } from './i18n.ts';
import { privateLineTo } from './reach.ts';

/**
 * Sends `build(t)` to the sender privately, in their language. From a group: says so (after
 * a press, in its pop-up), or, when the bot may not write first, opens the private chat on
 * `payload` (a press on Telegram opens it itself), else posts how to open it.
 */
export async function replyPrivately(
  ctx: HandlerContext,
  payload: string,
  build: (t: T, locale: Locale) => Promise<OutboundMessage[]>,
): Promise<void> {
  if (ctx.chat.kind === 'private') {
    for (const message of await build(ctx.t, ctx.locale)) await ctx.reply(message);
    return;
  }
  const { messenger, person, event } = ctx;
  const senderId = 'sender' in event ? event.sender.id : undefined;
  if (!senderId) return;
  if (person.reachablePrivately || messenger.capabilities.canMessageFirst) {
    // The chat they wrote to the bot from: on WhatsApp a neighbour met in a group by their
    // @lid writes privately from their number (@c.us), which is where they read.
    const line = await privateLineTo(ctx.deps, person.id);
    const same = line?.messenger.platform === messenger.platform;
    const privateChat = same ? line.chatId : messenger.privateChatId(senderId);
    // In the language of that private chat, as everything else sent there.
    const locale = same ? line.locale : toLocale(person.locale ?? ctx.locale);
    const t = ctx.deps.i18n.t(locale);
    for (const message of await build(t, locale)) await messenger.send(privateChat, message);
    // After a press, said to the presser alone (Telegram's pop-up), not to the group.
    const said = ctx.t('private.sent_privately');
    await (isPress(ctx) ? ctx.notify(said) : ctx.reply(said));
    return;
  }
  // After a press on Telegram, the press itself opens the private chat: nothing in the group.
  if (isPress(ctx) && ctx.openPrivateChat(payload)) return;
  const link = messenger.privateChatLink(payload);
  await ctx.reply(
    link
      ? {
          kind: 'text',
          text: ctx.t('private.open_private_chat'),
          choices: [[{ label: ctx.t('private.open_button'), url: link }]],
        }
      : ctx.t('private.write_privately'),
  );
}
