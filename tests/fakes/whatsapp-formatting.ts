/**
 * How WhatsApp shows a text: its formatting marks, applied as the recipient's app applies
 * them, so tests can assert on what people see (`<b>`, `<i>`, `<s>`, `<code>`, `<spoiler>`
 * mark the formatted spans; invisible word joiners are removed).
 *
 * The model follows WhatsApp Web's own parser (modules WAWebBoldFormatMutator and siblings,
 * WAWebCodeFormatMutator, WAWebSpoilerFormatRegex) and WhatsApp's help page:
 * - `*bold*`, `_italic_`, `~strike~` and `` `inline code` ``: the opening mark starts the text
 *   or follows whitespace or punctuation, and touches a non-space; the closing mark follows
 *   a non-space and ends the text or comes before whitespace or punctuation; on one line.
 *   Inside a word (`a*b*c`) nothing happens. Spans nest (`*_x_*`).
 * - ` ```monospace``` `: anywhere, around anything that is not only whitespace.
 * - `||spoiler||`: anywhere, around text that neither starts nor ends with a space or `|`.
 * What is a boundary is the part we cannot read in WhatsApp's source (the inline regexes
 * are not published): whitespace and Unicode punctuation or symbols are; a format character
 * such as the word joiner U+2060 is not, being neither.
 */
export function whatsAppView(text: string): string {
  return format(text).replaceAll('\u2060', '');
}

const INLINE: Record<string, string> = { '*': 'b', _: 'i', '~': 's', '`': 'code' };

const isSpace = (char: string | undefined) => char !== undefined && /\s/u.test(char);
const isBoundary = (char: string | undefined) => char === undefined || /[\s\p{P}\p{S}]/u.test(char);

function isOpening(text: string, at: number): boolean {
  const next = text[at + 1];
  return isBoundary(text[at - 1]) && next !== undefined && !isSpace(next);
}

function isClosing(text: string, at: number): boolean {
  return !isSpace(text[at - 1]) && isBoundary(text[at + 1]);
}

function format(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const block = delimited(text, i, '```', (inner) => /\S/.test(inner));
    const spoiler = delimited(text, i, '||', (inner) => /^[^\s|]([^|]*[^\s|])?$/.test(inner));
    if (block) {
      out += `<code>${block.inner}</code>`;
      i = block.end;
      continue;
    }
    if (spoiler) {
      out += `<spoiler>${format(spoiler.inner)}</spoiler>`;
      i = spoiler.end;
      continue;
    }
    const mark = text[i]!;
    const tag = INLINE[mark];
    const close = tag && isOpening(text, i) ? closingOf(text, i, mark) : -1;
    if (tag && close > 0) {
      const inner = text.slice(i + 1, close);
      out += `<${tag}>${tag === 'code' ? inner : format(inner)}</${tag}>`;
      i = close + 1;
      continue;
    }
    out += mark;
    i++;
  }
  return out;
}

/** The first closing `mark` after the opening one at `at`, on the same line, or -1. */
function closingOf(text: string, at: number, mark: string): number {
  for (let k = at + 2; k < text.length && text[k] !== '\n'; k++) {
    if (text[k] === mark && isClosing(text, k)) return k;
  }
  return -1;
}

function delimited(
  text: string,
  at: number,
  fence: string,
  accepts: (inner: string) => boolean,
): { inner: string; end: number } | undefined {
  if (!text.startsWith(fence, at)) return undefined;
  const close = text.indexOf(fence, at + fence.length);
  if (close < 0) return undefined;
  const inner = text.slice(at + fence.length, close);
  return accepts(inner) ? { inner, end: close + fence.length } : undefined;
}
