// What the fake Bot API delivered during a watch round: the check-in messages (their
// buttons carry the check-in id, watch:ans:<id>:…), and the 429s it answered.
import type { FakeBotApi } from '../../tests/fakes/telegram-bot-api.ts';

export interface SentCheckIn {
  checkInId: number;
  chatId: number;
  /** Date.now() when the fake answered. */
  at: number;
}

/** The check-in messages the fake delivered (their buttons carry the check-in id), and its 429s. */
export class CheckInMessages {
  private readonly sent: SentCheckIn[] = [];
  private seen = 0;
  rateLimited = 0;

  constructor(private readonly fake: FakeBotApi) {}

  scan(): SentCheckIn[] {
    const calls = this.fake.calls;
    for (; this.seen < calls.length; this.seen++) {
      const call = calls[this.seen]!;
      if (call.status === 429) this.rateLimited++;
      if (call.status !== 200 || call.method !== 'sendMessage') continue;
      const markup = call.params.reply_markup as
        { inline_keyboard?: { callback_data?: string }[][] } | undefined;
      const data = markup?.inline_keyboard?.[0]?.[0]?.callback_data ?? '';
      const match = /^watch:ans:(\d+):/.exec(data);
      if (match) {
        this.sent.push({
          checkInId: Number(match[1]),
          chatId: Number(call.params.chat_id),
          at: call.at,
        });
      }
    }
    return this.sent;
  }
}

/** Messages per second from the first to the last. */
export function rateOf(sent: SentCheckIn[]): number {
  const first = sent[0]?.at ?? Number.NaN;
  const last = sent.at(-1)?.at ?? Number.NaN;
  return ((sent.length - 1) * 1000) / (last - first);
}
