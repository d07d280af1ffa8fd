// Reads the installed @etalab/decoupage-administratif (a devDependency), for the generator of
// the communes table and for the test that checks the committed table against it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PackageCommune, PackageDepartement } from './communes-table.ts';

export function readDecoupageAdministratif(): {
  communes: PackageCommune[];
  departements: PackageDepartement[];
  /** The package and its version, as named in the table's header. */
  source: string;
} {
  const require = createRequire(import.meta.url);
  const read = (file: string): unknown =>
    JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/${file}`), 'utf8'));
  const { name, version } = read('package.json') as { name: string; version: string };
  return {
    communes: read('data/communes.json') as PackageCommune[],
    departements: read('data/departements.json') as PackageDepartement[],
    source: `${name} ${version}`,
  };
}
