// Input the bot refuses before any feature sees it: too long, or garbled (broken Unicode,
// control characters). Only messages addressed to the bot are checked; the rest is ignored.

export type InputProblem = 'too_long' | 'garbled';

// A lone surrogate, a C0/C1 control other than tab and newlines, or the replacement
// character a broken decoder leaves behind.
const GARBLED =
  // eslint-disable-next-line no-control-regex
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;

export function checkInput(text: string, maxLength: number): InputProblem | undefined {
  if (text.length > maxLength) return 'too_long';
  if (GARBLED.test(text)) return 'garbled';
  return undefined;
}
