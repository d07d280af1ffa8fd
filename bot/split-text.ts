/**
 * Splits a long text into parts no longer than `max`, each a valid message on its own.
 *
 * Cuts go at a line break if the part has one, else at a space past half the part, else
 * anywhere between two characters; never inside a character (half an emoji is not UTF-8 and
 * Telegram refuses the call), nor next to a joiner or a combining mark (U+200D, U+2060,
 * variation selectors), which glue their neighbours. The whitespace at a cut is dropped.
 *
 * In `html` mode (Telegram's parse mode, our small subset `<b>`, `<i>`, `<code>`,
 * `<a href="…">`) an entity (`&amp;`) is never cut and a tag open at a cut is closed at the
 * end of the part and opened again, with its attributes, at the start of the next: Telegram
 * refuses a part with an unclosed tag. In `plain` mode (WhatsApp's text, already rendered) a
 * `<` or a `&` is an ordinary character.
 *
 * Lengths are counted conservatively, in UTF-16 code units of the raw part, tags and entities
 * included: Telegram counts code points after entity parsing (TDLib's utf8_length), which is
 * never more. So a part within `max` here is within `max` for Telegram.
 */
export function splitText(
  text: string,
  max: number,
  options: { markup?: 'html' | 'plain' } = {},
): string[] {
  if (text.length <= max) return [text];
  const atoms = tokenize(text, options.markup ?? 'html');
  const parts: string[] = [];
  let open: Atom[] = [];
  let i = 0;
  while (i < atoms.length) {
    if (parts.length > 0) while (atoms[i] && isBlank(atoms[i]!)) i++;
    if (i >= atoms.length) break;
    const part = fillPart(atoms, i, open, max);
    if (part.content !== undefined) parts.push(part.content);
    open = part.open;
    i = part.next;
  }
  return parts.length > 0 ? parts : [text.trim().slice(0, max)];
}

type AtomKind = 'char' | 'space' | 'newline' | 'open' | 'close';

interface Atom {
  text: string;
  kind: AtomKind;
  /** The tag's name, for 'open' and 'close'. */
  name?: string;
}

const HTML_ATOM =
  /<\/?[a-zA-Z][^<>]*>|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{0,30});|\n|[ \t]|[^]/gu;
const PLAIN_ATOM = /\n|[ \t]|[^]/gu;

function tokenize(text: string, markup: 'html' | 'plain'): Atom[] {
  const atoms: Atom[] = [];
  for (const [atom] of text.matchAll(markup === 'html' ? HTML_ATOM : PLAIN_ATOM)) {
    if (atom === '\n') atoms.push({ text: atom, kind: 'newline' });
    else if (atom === ' ' || atom === '\t') atoms.push({ text: atom, kind: 'space' });
    else if (atom.length > 2 && atom.startsWith('<')) {
      const closing = atom[1] === '/';
      const name = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(atom)![1]!.toLowerCase();
      atoms.push({ text: atom, kind: closing ? 'close' : 'open', name });
    } else atoms.push({ text: atom, kind: 'char' });
  }
  return atoms;
}

const isBlank = (atom: Atom) => atom.kind === 'space' || atom.kind === 'newline';

/** Characters that stay with their neighbours: joiners, combining marks (selectors among them). */
const GLUE = /^(?:\u200D|\u2060|\p{M})/u;

/** Whether a cut may fall between these two atoms. */
function mayCutBetween(before: Atom, after: Atom | undefined): boolean {
  if (!after || before.kind !== 'char' || after.kind !== 'char') return true;
  return !GLUE.test(after.text) && !/[\u200D\u2060]$/.test(before.text);
}

const closersLength = (open: Atom[]) => open.reduce((sum, tag) => sum + tag.name!.length + 3, 0);
const closers = (open: Atom[]) =>
  open
    .map((tag) => `</${tag.name}>`)
    .reverse()
    .join('');

function applyTag(open: Atom[], atom: Atom): Atom[] {
  if (atom.kind === 'open') return [...open, atom];
  if (atom.kind !== 'close') return open;
  const at = open.map((tag) => tag.name).lastIndexOf(atom.name);
  return at < 0 ? open : [...open.slice(0, at), ...open.slice(at + 1)];
}

interface Cut {
  /** Atoms [start, end) are the part's content. */
  end: number;
  /** The tags open at the cut. */
  open: Atom[];
  /** Where the next part starts. */
  next: number;
  /** The part's length at the cut. */
  length: number;
}

/**
 * Takes atoms from `start`, with the tags `open` reopened first, while the part (its closing
 * tags included) stays within `max`, then cuts at the best place seen.
 */
function fillPart(
  atoms: Atom[],
  start: number,
  openAtStart: Atom[],
  max: number,
): { content: string | undefined; open: Atom[]; next: number } {
  const prefix = openAtStart.map((tag) => tag.text).join('');
  let open = openAtStart;
  let length = prefix.length;
  let visible = false;
  let lastLineBreak: Cut | undefined;
  let lastSpace: Cut | undefined;
  let lastBoundary: Cut | undefined;
  let j = start;
  for (; j < atoms.length; j++) {
    const atom = atoms[j]!;
    const after = applyTag(open, atom);
    if (length + atom.text.length + closersLength(after) > max) break;
    if (isBlank(atom) && visible) {
      const cut = { end: j, open, next: j + 1, length };
      if (atom.kind === 'newline') lastLineBreak = cut;
      else lastSpace = cut;
    }
    open = after;
    length += atom.text.length;
    if (atom.kind === 'char') visible = true;
    if (visible && mayCutBetween(atom, atoms[j + 1])) {
      lastBoundary = { end: j + 1, open, next: j + 1, length };
    }
  }
  const render = (cut: Pick<Cut, 'end' | 'open'>) => {
    let end = cut.end;
    while (end > start && isBlank(atoms[end - 1]!)) end--;
    const content = atoms
      .slice(start, end)
      .map((atom) => atom.text)
      .join('');
    return prefix + content + closers(cut.open);
  };
  if (j >= atoms.length) {
    return { content: visible ? render({ end: j, open }) : undefined, open, next: j };
  }
  if (j === start) {
    throw new RangeError(
      `splitText: ${max} characters cannot hold "${atoms[j]!.text.slice(0, 40)}" with the tags open around it`,
    );
  }
  // Only whitespace (and tags) so far: drop it, keep the tags for the next part.
  if (!visible) return { content: undefined, open, next: j };
  const cut =
    lastLineBreak ??
    (lastSpace && lastSpace.length > max / 2 ? lastSpace : undefined) ??
    lastBoundary ??
    ({ end: j, open, next: j, length } satisfies Cut);
  return { content: render(cut), open: cut.open, next: cut.next };
}
