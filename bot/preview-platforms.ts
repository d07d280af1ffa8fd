// How each platform shows the bot's markup (see OutboundMessage), for the console's preview of
// a city message: the same renderers and limits the adapters use, so the preview is what a
// group gets. Telegram's HTML is shown as HTML; WhatsApp's marks and the terminal as text.
import { escapeHtml } from '../handlers/events.ts';
import type { PreviewPlatform } from '../web/console-context.ts';
import { consoleCapabilities } from './console/create-console-adapter.ts';
import { plainStyle, renderMarkup, type MarkupStyle } from './render-markup.ts';
import { splitText } from './split-text.ts';
import { telegramCapabilities } from './telegram/telegram-messenger.ts';
import { whatsappCapabilities } from './whatsapp/whatsapp-messenger.ts';
import { whatsappStyle } from './whatsapp/whatsapp-style.ts';

/** Telegram's formatting as a page's HTML: its tags, the text between them escaped again. */
const telegramAsHtml: MarkupStyle = {
  bold: (s) => `<b>${s}</b>`,
  italic: (s) => `<i>${s}</i>`,
  code: (s) => `<code>${s}</code>`,
  link: (label, href) => `<a href="${escapeHtml(href)}" rel="noopener">${label}</a>`,
  text: escapeHtml,
};

export const previewPlatforms: PreviewPlatform[] = [
  {
    platform: 'telegram',
    name: 'Telegram',
    maxLength: telegramCapabilities.maxMessageLength,
    render: (markup) => ({ html: renderMarkup(markup, telegramAsHtml) }),
    parts: (markup) => splitText(markup, telegramCapabilities.maxMessageLength).length,
  },
  {
    platform: 'whatsapp',
    name: 'WhatsApp',
    maxLength: whatsappCapabilities.maxMessageLength,
    render: (markup) => ({ text: renderMarkup(markup, whatsappStyle) }),
    parts: (markup) =>
      splitText(renderMarkup(markup, whatsappStyle), whatsappCapabilities.maxMessageLength, {
        markup: 'plain',
      }).length,
  },
  {
    platform: 'console',
    name: 'Terminal',
    maxLength: consoleCapabilities.maxMessageLength,
    render: (markup) => ({ text: renderMarkup(markup, plainStyle) }),
    parts: () => 1,
  },
];
