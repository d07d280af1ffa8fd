// Which communes a postcode covers, from the table generated out of the official data
// (scripts/communes-table.ts; @etalab/decoupage-administratif). A postcode is not a commune:
// 01000 covers two communes, 51300 forty-six, and sixteen postcodes cross a département's
// border (33220 is in Gironde and in Dordogne). The département, which the heat and cold
// alerts follow, is therefore the chosen commune's, never the postcode's first digits.
//
// The table is read on first use and kept (pure data, like the fonts of kits/pdf): about
// 0.6 MB of text, held as one string per postcode and split only when asked; see
// `npm run bench -- communes` for its cost against reading the package at run time.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { toDepartementOfInsee } from './departements.ts';

export const communesTableFile = fileURLToPath(
  new URL('./communes-by-postcode.tsv', import.meta.url),
);

export interface Commune {
  /** INSEE code (Paris, Lyon, Marseille: the arrondissement's, e.g. 69383). */
  insee: string;
  name: string;
  departement: string;
}

export interface CommunesTable {
  /** The communes of a postcode, most populated first; empty for an unknown postcode. */
  communesOf(postcode: string): Commune[];
  /** A commune by its INSEE code (undefined: no such commune), with its postcodes. */
  communeByInsee(insee: string): (Commune & { postcodes: string[] }) | undefined;
  departementName(code: string): string | undefined;
}

/** Reads the table's text (see scripts/communes-table.ts for its format). */
export function toCommunesTable(text: string): CommunesTable {
  const postcodes = new Map<string, string>();
  const departements = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    const key = line.slice(0, tab);
    if (key.length === 5) postcodes.set(key, line.slice(tab + 1));
    else departements.set(key, line.slice(tab + 1));
  }
  const communesOf = (postcode: string): Commune[] => {
    const line = postcodes.get(postcode);
    if (line === undefined) return [];
    return line.split('\t').map((field) => {
      const insee = field.slice(0, 5);
      return { insee, name: field.slice(6), departement: toDepartementOfInsee(insee) };
    });
  };
  let byInsee: Map<string, Commune & { postcodes: string[] }> | undefined;
  return {
    communesOf,
    communeByInsee(insee) {
      if (!byInsee) {
        byInsee = new Map();
        for (const postcode of postcodes.keys()) {
          for (const commune of communesOf(postcode)) {
            const known = byInsee.get(commune.insee);
            if (known) known.postcodes.push(postcode);
            else byInsee.set(commune.insee, { ...commune, postcodes: [postcode] });
          }
        }
      }
      return byInsee.get(insee);
    },
    departementName: (code) => departements.get(code),
  };
}

let loading: Promise<CommunesTable> | undefined;

/** The table, read on first use; a failed read is tried again on the next call. */
export function loadCommunesTable(): Promise<CommunesTable> {
  loading ??= readFile(communesTableFile, 'utf8').then(toCommunesTable, (error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
