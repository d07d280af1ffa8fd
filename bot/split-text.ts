/**
 * Splits a long text at line breaks (or, for a single huge line, at spaces) into parts no
 * longer than `max`. Our markup never spans lines, so every part stays well-formed.
 */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (const piece of splitLine(line, max)) {
      const joined = current === '' ? piece : `${current}\n${piece}`;
      if (joined.length <= max) {
        current = joined;
      } else {
        parts.push(current);
        current = piece;
      }
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}

function splitLine(line: string, max: number): string[] {
  if (line.length <= max) return [line];
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(' ', max);
    const at = cut > max / 2 ? cut : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  pieces.push(rest);
  return pieces;
}
