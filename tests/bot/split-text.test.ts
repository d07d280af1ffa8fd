// Cutting long messages: every part must be a message the platform accepts on its own
// (Telegram refuses half an emoji, half an entity or an unclosed tag with a 400), and the
// parts together must say what the whole said, with the same formatting.
import { describe, expect, it } from 'vitest';
import { splitText } from '../../bot/split-text.ts';
import { validateCall } from '../fakes/telegram-bot-api.ts';

const TELEGRAM_MAX = 4096;
const WHATSAPP_MAX = 4000;

/** What Telegram answers to a part sent as HTML, or undefined if it takes it. */
const telegramRefusal = (part: string) =>
  validateCall('sendMessage', { chat_id: 1, text: part, parse_mode: 'HTML' });

const hasHalfAnEmoji = (text: string) =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" };

/**
 * Each visible character of our markup with the tags around it ("b>i|x"), whitespace left
 * out: two texts that read the same, formatted the same, give the same list.
 */
function styledCharacters(html: string): string[] {
  const out: string[] = [];
  const open: string[] = [];
  const token = /<(\/?)([a-z]+)(?: href="[^"]*")?>|&(lt|gt|amp|quot|#39);|[^]/gu;
  for (const [whole, closing, tag, entity] of html.matchAll(token)) {
    if (tag !== undefined) {
      if (closing) open.pop();
      else open.push(whole);
      continue;
    }
    const char = entity !== undefined ? ENTITIES[entity]! : whole;
    if (/\s/.test(char)) continue;
    out.push(`${open.join('')}|${char}`);
  }
  return out;
}

function expectValidTelegramParts(text: string, parts: string[]): void {
  expect(parts.length).toBeGreaterThan(1);
  for (const part of parts) {
    expect(part.length).toBeLessThanOrEqual(TELEGRAM_MAX);
    expect(telegramRefusal(part)).toBeUndefined();
  }
  expect(parts.flatMap(styledCharacters)).toEqual(styledCharacters(text));
}

describe('cutting a long message for Telegram (HTML)', () => {
  it('never cuts an emoji in half', () => {
    const text = 'a' + '😀'.repeat(3000);
    expect(telegramRefusal(text)).toBeUndefined(); // 3001 characters: Telegram would take it whole
    expectValidTelegramParts(text, splitText(text, TELEGRAM_MAX));
  });

  it('never cuts an entity', () => {
    const text = '&amp;'.repeat(1000);
    expectValidTelegramParts(text, splitText(text, TELEGRAM_MAX));
  });

  it('closes the tags open at a cut and opens them again in the next part', () => {
    const text = '<b>' + 'mot '.repeat(1100) + '</b>';
    const parts = splitText(text, TELEGRAM_MAX);
    expectValidTelegramParts(text, parts);
    expect(parts.map((p) => [p.slice(0, 3), p.slice(-4)])).toEqual([
      ['<b>', '</b>'],
      ['<b>', '</b>'],
    ]);
  });

  it('keeps a link’s target when it reopens it', () => {
    const link = '<a href="https://example.org/?a=1&amp;b=2">';
    const text = `Voir ${link}${'lien '.repeat(30)}</a> <i>fin</i>`;
    const parts = splitText(text, 80);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(80);
      expect(telegramRefusal(part)).toBeUndefined();
    }
    expect(parts.slice(1, -1).every((p) => p.startsWith(link))).toBe(true);
    expect(parts.flatMap(styledCharacters)).toEqual(styledCharacters(text));
  });

  it('still prefers line breaks, then spaces', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `Ligne ${i} : ${'é'.repeat(20)}`);
    const parts = splitText(lines.join('\n'), TELEGRAM_MAX);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('\n')).toBe(lines.join('\n'));
    expect(splitText('court', TELEGRAM_MAX)).toEqual(['court']);
  });

  it('says so when the markup cannot fit at all', () => {
    const text = `<a href="https://example.org/${'x'.repeat(60)}">${'lien '.repeat(40)}</a>`;
    expect(() => splitText(text, 60)).toThrow(RangeError);
  });

  it('holds for random markup: parts within the limit, each valid, nothing lost', () => {
    const random = seededRandom(20261126);
    for (let round = 0; round < 400; round++) {
      const text = randomMarkup(random);
      const max = 70 + Math.floor(random() * 400);
      const parts = splitText(text, max);
      const context = { round, max, text };
      for (const part of parts) {
        expect(part.length, JSON.stringify(context)).toBeLessThanOrEqual(max);
        expect(telegramRefusal(part), JSON.stringify({ ...context, part })).toBeUndefined();
      }
      expect(parts.flatMap(styledCharacters), JSON.stringify(context)).toEqual(
        styledCharacters(text),
      );
    }
  });
});

describe('cutting a long message for WhatsApp (plain text)', () => {
  it('never cuts an emoji in half nor takes an entity or a "<" for markup', () => {
    const text = 'a' + '😀'.repeat(3000) + ' <b> & &amp; ' + 'mot '.repeat(300);
    const parts = splitText(text, WHATSAPP_MAX, { markup: 'plain' });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(WHATSAPP_MAX);
      expect(hasHalfAnEmoji(part)).toBe(false);
    }
    expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(parts.join('')).toContain('<b> & &amp;');
  });

  it('never cuts next to a word joiner (it glues a neutralised marker to its neighbours)', () => {
    const text = 'ab\u2060*\u2060cd'.repeat(1000);
    const parts = splitText(text, WHATSAPP_MAX, { markup: 'plain' });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(WHATSAPP_MAX);
      expect(part.startsWith('\u2060') || part.endsWith('\u2060')).toBe(false);
    }
    expect(parts.join('')).toBe(text);
  });

  it('holds for random text', () => {
    const random = seededRandom(42);
    for (let round = 0; round < 300; round++) {
      const text = randomMarkup(random)
        .replace(/<[^>]*>/g, '*')
        .replace(/\*/g, '\u2060*\u2060');
      const max = 20 + Math.floor(random() * 300);
      const parts = splitText(text, max, { markup: 'plain' });
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(max);
        expect(hasHalfAnEmoji(part)).toBe(false);
      }
      expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
  });
});

// --- random markup of our subset (<b>, <i>, <code>, <a href>), well-formed ---

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'voisin',
  'fête',
  'Léa',
  '😀',
  '👨‍👩‍👧',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&#39;',
  'x'.repeat(90),
  '🎉'.repeat(40),
  '&amp;'.repeat(30),
  '12',
];
const SEPARATORS = [' ', ' ', ' ', '\n', '\n\n', '  '];

function randomMarkup(random: () => number): string {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const words = (n: number) =>
    Array.from({ length: n }, () => pick(WORDS) + pick(SEPARATORS)).join('');
  const node = (depth: number, inLink: boolean): string => {
    const roll = random();
    if (depth >= 3 || roll < 0.5) return words(1 + Math.floor(random() * 12));
    const children = () =>
      Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        node(depth + 1, inLink || roll >= 0.85),
      ).join('');
    if (roll < 0.65) return `<b>${children()}</b>`;
    if (roll < 0.75) return `<i>${children()}</i>`;
    if (roll < 0.85 || inLink) return `<code>${words(1 + Math.floor(random() * 8))}</code>`;
    return `<a href="https://ex.org/${Math.floor(random() * 1000)}?a=1&amp;b=2">${children()}</a>`;
  };
  return Array.from({ length: 1 + Math.floor(random() * 25) }, () => node(0, false)).join(
    pick(SEPARATORS),
  );
}
