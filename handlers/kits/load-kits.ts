// Loads the kits from kits/<locale>/<id>.json and checks them against the schema. A kit
// exists in every locale that has a folder, with the same id, season and documents; a
// broken file stops startup with an error naming the file and the field. A language whose
// kits are not written yet (no folder) gets the French ones.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locales, type Locale } from '../i18n.ts';
import { kitSchema, type Kit } from './kit-schema.ts';

export const kitsDir = fileURLToPath(new URL('../../kits', import.meta.url));

export class KitFileError extends Error {
  constructor(file: string, problems: string[]) {
    super(`Kit file ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'KitFileError';
  }
}

export interface KitCatalogue {
  /** Kit ids, in a stable order. */
  ids: string[];
  get(id: string, locale: Locale): Kit;
}

function readKitFile(file: string): Kit {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new KitFileError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  const result = kitSchema.safeParse(json);
  if (!result.success) {
    throw new KitFileError(
      file,
      result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  if (result.data.id !== basename(file, '.json')) {
    throw new KitFileError(file, [`id: "${result.data.id}" must match the file name`]);
  }
  return result.data;
}

export function loadKits(dir = kitsDir): KitCatalogue {
  const byLocale = new Map<Locale, Map<string, Kit>>();
  for (const locale of locales) {
    if (locale !== 'fr' && !existsSync(join(dir, locale))) continue;
    const files = readdirSync(join(dir, locale))
      .filter((f) => f.endsWith('.json'))
      .sort();
    byLocale.set(
      locale,
      new Map(
        files.map((f) => {
          const kit = readKitFile(join(dir, locale, f));
          return [kit.id, kit];
        }),
      ),
    );
  }
  const [first, ...others] = [...byLocale.keys()] as [Locale, ...Locale[]];
  const reference = byLocale.get(first)!;
  for (const locale of others) {
    const kits = byLocale.get(locale)!;
    for (const id of new Set([...reference.keys(), ...kits.keys()])) {
      const a = reference.get(id);
      const b = kits.get(id);
      const file = join(dir, a ? locale : first, `${id}.json`);
      if (!a || !b) throw new KitFileError(file, ['missing: every kit exists in every language']);
      for (const field of ['months', 'suggestMonth', 'documents'] as const) {
        if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) {
          throw new KitFileError(file, [`${field}: differs from ${first}/${id}.json`]);
        }
      }
    }
  }
  const ids = [...reference.keys()];
  return {
    ids,
    get(id, locale) {
      const kit = byLocale.get(locale)?.get(id) ?? reference.get(id);
      if (!kit) throw new Error(`no kit ${id}`);
      return kit;
    },
  };
}
