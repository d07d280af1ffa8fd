// What a group sees of a city message: headed "Message de la mairie de …", in the group's
// language when the city wrote both French and English (otherwise as written, with its
// language named), its attachment as a file, and, the first time a group gets one, a note
// saying how its admins can stop them. Used to send (./index.ts) and by the console's preview
// (web/), so the preview is what groups get.
import { escapeHtml, type OutboundMessage } from '../events.ts';
import type { Locale, T } from '../i18n.ts';

/** Longest text a city may write in one language (the form refuses more, naming it). */
export const MAX_CITY_TEXT = 8_000;
/** Captions are shorter than messages on every platform (Telegram: 1,024 characters). */
export const MAX_CAPTION = 1_024;

export interface CityMessageContent {
  partnerName: string;
  textFr: string | null;
  textEn: string | null;
  urgent: boolean;
  attachment?: { name: string; data: Uint8Array } | undefined;
}

/** The text (our safe markup) a group in `locale` reads; the city's words are escaped. */
export function composeCityText(
  content: CityMessageContent,
  locale: Locale,
  t: T,
  options: { firstTime: boolean },
): string {
  const own = locale === 'fr' ? content.textFr : content.textEn;
  const written: Locale = own ? locale : content.textFr ? 'fr' : 'en';
  const body = (own ?? content.textFr ?? content.textEn ?? '').trim();
  const lines = [
    t(content.urgent ? 'city_messages.header_urgent' : 'city_messages.header', {
      city: content.partnerName,
    }),
  ];
  if (written !== locale) {
    lines.push(
      t('city_messages.written_in', { language: t(`city_messages.languages.${written}`) }),
    );
  }
  lines.push('', escapeHtml(body));
  if (options.firstTime) lines.push('', t('city_messages.first_note'));
  return lines.join('\n');
}

/**
 * The messages a group gets: the text, and the file. A text short enough to be the file's
 * caption goes with it as one message; a longer one goes first, the file after it.
 */
export function composeCityMessage(
  content: CityMessageContent,
  locale: Locale,
  t: T,
  options: { firstTime: boolean },
): OutboundMessage[] {
  const text = composeCityText(content, locale, t, options);
  const file = content.attachment;
  if (!file) return [{ kind: 'text', text }];
  if (text.length <= MAX_CAPTION) {
    return [{ kind: 'document', filename: file.name, data: file.data, caption: text }];
  }
  return [
    { kind: 'text', text },
    { kind: 'document', filename: file.name, data: file.data },
  ];
}

/** What an attachment is, from its first bytes (never from its name or the browser's word). */
export function attachmentKind(data: Uint8Array): 'pdf' | 'image' | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image'; // PNG
  if (starts(0xff, 0xd8, 0xff)) return 'image'; // JPEG
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image'; // GIF8
  // WebP: RIFF....WEBP
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...data.slice(8, 12)) === 'WEBP') {
    return 'image';
  }
  return undefined;
}

/** A file name safe to show and to send: no path, no control characters, not too long. */
export function cleanFileName(name: string, kind: 'pdf' | 'image'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}"<>|?*:]/gu, '')
    .trim()
    .slice(-100);
  return cleaned !== '' ? cleaned : kind === 'pdf' ? 'document.pdf' : 'image';
}
