// Our outbound markup is a safe HTML subset (see OutboundMessage). Platforms without HTML
// get it rewritten: the terminal uses ANSI bold, WhatsApp its own *bold*. Entities are
// decoded in the text between tags, so text a person typed (escaped upstream) comes out as
// they typed it; a style may then make that text inert for its platform (`text`).

export interface MarkupStyle {
  bold: (s: string) => string;
  italic: (s: string) => string;
  code: (s: string) => string;
  link: (label: string, href: string) => string;
  /** The text between tags, entities decoded: where a platform neutralises its own marks. */
  text?: (s: string) => string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '');
}

interface Frame {
  tag: 'b' | 'i' | 'code' | 'a' | 'root';
  href?: string;
  out: string;
}

const OPENING = /^<(b|i|code)>$|^<a href="([^"]*)">$/;
const CLOSING = /^<\/(b|i|code|a)>$/;

/**
 * Renders our markup in a platform's style: `<b>`, `<i>`, `<code>` and `<a href>` (nested
 * as written); any other tag is dropped and its content kept; a tag left open is dropped.
 */
export function renderMarkup(html: string, style: MarkupStyle): string {
  const text = style.text ?? ((s: string) => s);
  const stack: Frame[] = [{ tag: 'root', out: '' }];
  const top = () => stack[stack.length - 1]!;
  for (const token of html.split(/(<[^>]*>)/)) {
    if (token === '') continue;
    const opening = OPENING.exec(token);
    const closing = CLOSING.exec(token);
    if (opening) {
      stack.push(
        opening[1]
          ? { tag: opening[1] as Frame['tag'], out: '' }
          : { tag: 'a', href: decodeEntities(opening[2] ?? ''), out: '' },
      );
    } else if (closing && stack.length > 1 && top().tag === closing[1]) {
      const frame = stack.pop()!;
      top().out += styled(frame, style);
    } else if (!/^<[^>]*>$/.test(token)) {
      top().out += text(decodeEntities(token));
    }
  }
  while (stack.length > 1) {
    const frame = stack.pop()!;
    top().out += frame.out;
  }
  return top().out;
}

function styled(frame: Frame, style: MarkupStyle): string {
  switch (frame.tag) {
    case 'b':
      return style.bold(frame.out);
    case 'i':
      return style.italic(frame.out);
    case 'code':
      return style.code(frame.out);
    case 'a':
      return style.link(frame.out, frame.href ?? '');
    default:
      return frame.out;
  }
}

export const plainStyle: MarkupStyle = {
  bold: (s) => s,
  italic: (s) => s,
  code: (s) => s,
  link: (label, href) => `${label} (${href})`,
};

export const ansiStyle: MarkupStyle = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  italic: (s) => `\x1b[3m${s}\x1b[23m`,
  code: (s) => s,
  link: (label, href) => `${label} (${href})`,
};
