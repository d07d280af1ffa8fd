// Phone numbers, e-mail addresses and web links in a neighbour's own words: never on a need's
// card, a bring list or a poster, whoever typed them (a premium-rate number pinned in the
// hall, a link to anywhere). Contact goes through the bot, privately.

const CONTACTS = [
  /(?:\+|00)?\d[\d .-]{7,}\d/g,
  /[\w.+-]+@[\w-]+\.[\w.-]+/g,
  /(?:https?:\/\/|www\.)\S+/gi,
  /\b[\w-]+\.(?:com|fr|net|org|io|info|biz|xyz|ly|me)(?:\/\S*)?/gi,
];

/** The text with each phone number, address and link replaced by `masked`. */
export function maskContacts(text: string, masked: string): string {
  return CONTACTS.reduce((masking, pattern) => masking.replace(pattern, masked), text);
}

/** Whether the text holds a phone number, an e-mail address or a web link. */
export const hasContacts = (text: string): boolean => maskContacts(text, '\u0000') !== text;
