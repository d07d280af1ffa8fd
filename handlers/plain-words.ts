import { UserFacingError } from './errors.ts';

// Words as people type them, compared without accents or case ("Évènement" = "evenement").
export function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** A row id carried by choice data or a deep link: untrusted, so checked before any query. */
export function rowIdFrom(text: string): number | undefined {
  const id = Number(text);
  return /^\d{1,15}$/.test(text) && Number.isSafeInteger(id) ? id : undefined;
}

/** The same, for choice handlers: anything else is a forged or stale choice. */
export function requireRowId(text: string): number {
  const id = rowIdFrom(text);
  if (id === undefined) throw new UserFacingError('router.stale_choice');
  return id;
}
