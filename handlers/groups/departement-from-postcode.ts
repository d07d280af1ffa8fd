// A French postcode gives the département: its first two digits in mainland France, with
// Corsica split in two (200xx–201xx → 2A Corse-du-Sud, 202xx–206xx → 2B Haute-Corse) and the
// overseas départements and collectivities on three digits (971–976). Monaco (980) and the
// Pacific collectivities (986–988) have no département.

export interface Departement {
  code: string;
  /** IANA time zone of the département. */
  timezone: string;
}

const OVERSEAS: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '975': 'America/Miquelon',
  '976': 'Indian/Mayotte',
};

export function toDepartement(postcode: string): Departement | undefined {
  if (!/^\d{5}$/.test(postcode)) return undefined;
  const two = postcode.slice(0, 2);
  const three = postcode.slice(0, 3);
  if (two === '97') {
    const timezone = OVERSEAS[three];
    return timezone ? { code: three, timezone } : undefined;
  }
  if (two === '20') {
    const n = Number(three);
    if (n <= 201) return { code: '2A', timezone: 'Europe/Paris' };
    if (n <= 206) return { code: '2B', timezone: 'Europe/Paris' };
    return undefined;
  }
  const n = Number(two);
  if (n < 1 || n > 95) return undefined;
  return { code: two, timezone: 'Europe/Paris' };
}
