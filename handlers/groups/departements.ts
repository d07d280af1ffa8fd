// The départements the bot serves, and the time zone of each: mainland France and Corsica
// (01–19, 2A, 2B, 21–95) on Europe/Paris; the overseas départements and the Atlantic,
// Caribbean and Indian Ocean collectivities on their own zones. Saint-Barthélemy (977) and
// Saint-Martin (978) left Guadeloupe in 2007 but kept its postcodes (97133, 97150).
// The Pacific collectivities (986–988), the TAAF (984) and Clipperton (989) are left out:
// no heat or cold vigilance is issued for them in the form the watch reads, and French
// Polynesia alone spans three time zones. Monaco (980xx) is another country.

const OVERSEAS_TIME_ZONES: Readonly<Record<string, string>> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '975': 'America/Miquelon',
  '976': 'Indian/Mayotte',
  '977': 'America/St_Barthelemy',
  '978': 'America/Marigot',
};

/** The IANA time zone of a département the bot serves; undefined for any other code. */
export function toDepartementTimezone(code: string): string | undefined {
  if (code === '2A' || code === '2B') return 'Europe/Paris';
  if (/^\d{2}$/.test(code) && code !== '00' && code !== '20' && Number(code) <= 95) {
    return 'Europe/Paris';
  }
  return OVERSEAS_TIME_ZONES[code];
}

/** The département of a commune (or arrondissement) from its INSEE code: 69383 → 69, 2A004
 * → 2A, 97411 → 974, 97701 → 977. */
export function toDepartementOfInsee(insee: string): string {
  return insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2);
}
