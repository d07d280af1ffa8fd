// Each platform's send limits, as lanes for reserve_send (migration 0007):
// - Telegram (Bot API FAQ): about 30 messages a second for the bot as a whole (more with
//   paid broadcasts: TELEGRAM_MAX_SENDS_PER_SECOND), evenly spaced; no more than one a
//   second in a chat; at most 20 a minute in a group, counted here over 61 s for the clocks'
//   sake, of which ordinary traffic may use 15, so that answers to presses, organisers'
//   commands, check-ins and alerts always find room.
// - WhatsApp (an unofficial client, banned for bursts): WHATSAPP_MAX_PER_MINUTE evenly
//   spaced, and WHATSAPP_MIN_GAP_MS plus a random WHATSAPP_JITTER_MS between two messages
//   to one chat.

export interface ChatLane {
  gapMs: number;
  /** At most this many sends in windowMs (0: no window). */
  windowMax: number;
  windowMs: number;
}

export interface SendLanes {
  /** The bot's calendar: its key, and one send per slot of slotMs. */
  bot: string;
  slotMs: number;
  chat(chatId: string, urgent: boolean): ChatLane;
}

export const TELEGRAM_GROUP_PER_MINUTE = 20;
/** Sends of a group's minute kept for urgent traffic. */
export const TELEGRAM_GROUP_URGENT_RESERVE = 5;

export function telegramLanes(botId: number, maxPerSecond: number): SendLanes {
  return {
    bot: `telegram:${botId}`,
    slotMs: 1000 / maxPerSecond,
    chat(chatId, urgent) {
      const group = chatId.startsWith('-');
      return {
        gapMs: 1000,
        windowMax: group
          ? TELEGRAM_GROUP_PER_MINUTE - (urgent ? 0 : TELEGRAM_GROUP_URGENT_RESERVE)
          : 0,
        windowMs: 61_000,
      };
    },
  };
}

export function whatsappLanes(pacing: {
  minGapMs: number;
  jitterMs: number;
  maxPerMinute: number;
  random?: () => number;
}): SendLanes {
  const random = pacing.random ?? Math.random;
  return {
    bot: 'whatsapp',
    slotMs: 60_000 / pacing.maxPerMinute,
    chat: () => ({
      gapMs: pacing.minGapMs + Math.floor(random() * pacing.jitterMs),
      windowMax: 0,
      windowMs: 0,
    }),
  };
}
