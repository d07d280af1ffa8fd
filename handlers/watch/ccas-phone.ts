// A CCAS's phone number as a partner city types it: French format only (the registry is a
// French municipal service). Accepted: ten digits starting with 0 (01 to 09), the same as
// +33 or 0033 followed by nine digits, and the four-digit short numbers some cities run
// (3975 in Paris), with spaces, dots or dashes between groups. Stored as digits
// ("0478123456", "3975"), shown grouped by two ("04 78 12 34 56").

/** The number as stored, or undefined when it is not a French phone number. */
export function toFrenchPhone(text: string): string | undefined {
  const compact = text.trim().replace(/[\s.\-()\u00a0\u202f]/g, '');
  if (/^[1-9]\d{3}$/.test(compact)) return compact;
  const national = compact.replace(/^(?:\+33|0033)(?=[1-9]\d{8}$)/, '0');
  return /^0[1-9]\d{8}$/.test(national) ? national : undefined;
}

export function formatFrenchPhone(stored: string): string {
  return stored.length === 10 ? stored.replace(/(\d{2})(?=\d)/g, '$1\u00a0') : stored;
}
