// A Messenger that records what handlers send, for tests that call the router or jobs
// directly (no platform in between).
import type { OutboundMessage, Platform } from '../../handlers/events.ts';
import type { Messenger } from '../../handlers/ports.ts';
import { telegramCapabilities } from '../../bot/telegram/telegram-messenger.ts';

export interface Sent {
  chatId: string;
  message: OutboundMessage;
}

export function createRecordingMessenger(
  sent: Sent[],
  options: { platform?: Platform; botLink?: string } = {},
): Messenger {
  return {
    platform: options.platform ?? 'telegram',
    // Buttons, polls and documents, as on Telegram.
    capabilities: telegramCapabilities,
    send: (chatId, message) => {
      sent.push({ chatId, message });
      return Promise.resolve({ messageId: String(sent.length) });
    },
    edit: () => Promise.resolve(),
    closePoll: () => Promise.resolve(),
    acknowledgeChoice: () => Promise.resolve(),
    isAdmin: () => Promise.resolve(false),
    isMember: () => Promise.resolve(false),
    listAdmins: () => Promise.resolve([]),
    privateChatLink: () => undefined,
    botLink: () => options.botLink,
    privateChatId: (id) => id,
  };
}
