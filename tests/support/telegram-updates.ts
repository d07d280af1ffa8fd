// Telegram updates as the Bot API sends them, built without the rest of the harness: the
// pipeline bench makes its updates here, so that its process holds the bot and not the fake
// Bot API's schema (about 1.6 MB of heap) that tests/support/telegram-harness.ts loads.

/** A message update; a leading /command gets its bot_command entity as Telegram adds it. */
export function messageUpdateWithId(
  from: { id: number; is_bot: boolean; first_name: string },
  chat: object,
  text: string,
  updateId: number,
): Record<string, unknown> {
  // As Telegram marks one (tdlib's match_bot_commands): a-z, 0-9 and _ only, then no letter
  // or digit; "/yardım" and "/مساعدة" come as plain text.
  const command = /^\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\p{L}\p{N}_/<>])/u.exec(text);
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      text,
      ...(command
        ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }
        : {}),
    },
  };
}
