// Our outbound markup is a safe HTML subset (see OutboundMessage). Platforms without HTML
// get it rewritten: the terminal uses ANSI bold, WhatsApp its own *bold*. Entities are
// decoded last, so text a person typed (escaped upstream) comes out as they typed it.

export interface MarkupStyle {
  bold: (s: string) => string;
  italic: (s: string) => string;
  code: (s: string) => string;
  link: (label: string, href: string) => string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '');
}

export function renderMarkup(html: string, style: MarkupStyle): string {
  const rendered = html
    .replace(/<b>(.*?)<\/b>/gs, (_, s: string) => style.bold(s))
    .replace(/<i>(.*?)<\/i>/gs, (_, s: string) => style.italic(s))
    .replace(/<code>(.*?)<\/code>/gs, (_, s: string) => style.code(s))
    .replace(/<a href="([^"]*)">(.*?)<\/a>/gs, (_, href: string, label: string) =>
      style.link(label, decodeEntities(href)),
    )
    .replace(/<[^>]*>/g, '');
  return decodeEntities(rendered);
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
