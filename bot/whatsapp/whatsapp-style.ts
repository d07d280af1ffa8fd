// Our markup in WhatsApp's terms: <b> → *bold*, <i> → _italic_, <code> → ```monospace```,
// and the text between tags made inert, so that what a person typed (a name, a need, a
// group's name) shows as typed and never formats the message.
//
// WhatsApp has no escape character. Its parser (WhatsApp Web's WAWeb*FormatMutator modules)
// formats `*x*`, `_x_`, `~x~` and `` `x` `` only when the opening mark starts the text or
// follows whitespace or punctuation and touches a non-space, and the closing mark follows a
// non-space and ends the text or comes before whitespace or punctuation; ```x``` and ||x||
// format anywhere. So each mark that could open or close is wrapped in word joiners
// (U+2060, `\u2060*\u2060`): invisible, unbreakable, and neither whitespace nor punctuation,
// the mark no longer has a boundary on either side, and runs of marks (```, ||) are split.
// We glue both sides rather than one: a joiner after the mark alone leaves it a valid
// opening mark where WhatsApp counts the joiner as "touching a non-space", and an opening
// mark left valid can pair with the bot's own closing mark. Marks inside a word (jean_dupont,
// 2*3) format nothing and are left alone, so addresses and names stay copyable; so are
// links, which must still open. Limit: the joiners are in the text; someone who copies it
// copies them too.
import type { MarkupStyle } from '../render-markup.ts';

const WORD_JOINER = '\u2060';
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** WhatsApp's formatting marks in `text` made inert (see the header); links untouched. */
export function neutraliseWhatsAppMarks(text: string): string {
  return text.replace(/https?:\/\/\S+|[*_~`|]/gu, (mark: string, at: number) => {
    if (mark.length > 1) return mark;
    const before = text[at - 1];
    const after = text[at + 1];
    const insideWord =
      before !== undefined &&
      after !== undefined &&
      WORD_CHARACTER.test(before) &&
      WORD_CHARACTER.test(after);
    return insideWord ? mark : `${WORD_JOINER}${mark}${WORD_JOINER}`;
  });
}

export const whatsappStyle: MarkupStyle = {
  bold: (s) => `*${s}*`,
  italic: (s) => `_${s}_`,
  code: (s) => `\`\`\`${s}\`\`\``,
  link: (label, href) => `${label} → ${href}`,
  text: neutraliseWhatsAppMarks,
};
