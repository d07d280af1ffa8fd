// A Messenger that records what handlers send, for tests that call the router or jobs
// directly (no platform in between).
import type { OutboundMessage, Platform } from '../../handlers/events.ts';
import type { Capabilities, Messenger } from '../../handlers/ports.ts';

export interface Sent {
  chatId: string;
  message: OutboundMessage;
}

const capabilities: Capabilities = {
  inlineButtons: true,
  editMessages: true,
  nativePolls: true,
  pollVoterIdentity: true,
  maxPollOptions: 12,
  maxMessageLength: 4096,
  canMessageFirst: false,
  documents: true,
};

export function createRecordingMessenger(
  sent: Sent[],
  options: { platform?: Platform; botLink?: string } = {},
): Messenger {
  return {
    platform: options.platform ?? 'telegram',
    capabilities,
    send: (chatId, message) => {
      sent.push({ chatId, message });
      return Promise.resolve({ messageId: String(sent.length) });
    },
    edit: () => Promise.resolve(),
    closePoll: () => Promise.resolve(),
    acknowledgeChoice: () => Promise.resolve(),
    isAdmin: () => Promise.resolve(false),
    privateChatLink: () => undefined,
    botLink: () => options.botLink,
    privateChatId: (id) => id,
  };
}
