// `npm run communes:generate`: writes handlers/groups/communes-by-postcode.tsv (and
// commune-populations.tsv, for the console's label) from the
// installed @etalab/decoupage-administratif (a devDependency: the bot itself reads only the
// committed table, so `npm install --omit=dev && npm start` needs nothing more). To move to a
// new year's data: `npm install -D --save-exact @etalab/decoupage-administratif@<version>`,
// run this, review the diff of the table, commit both.
import { writeFileSync } from 'node:fs';
import { communesTableFile } from '../handlers/groups/communes-by-postcode.ts';
import { populationsFile } from '../handlers/groups/commune-populations.ts';
import { readDecoupageAdministratif } from './decoupage-administratif.ts';
import { toCommunesTable, toPopulationsTable } from './communes-table.ts';

const { communes, departements, source } = readDecoupageAdministratif();
const table = toCommunesTable(communes, departements, source);
writeFileSync(communesTableFile, table);
console.log(
  `${communesTableFile}: ${table.split('\n').filter((l) => /^\d{5}\t/.test(l)).length} postcodes, ` +
    `${(Buffer.byteLength(table) / 1024).toFixed(0)} KB, from ${source}`,
);
const populations = toPopulationsTable(communes, source);
writeFileSync(populationsFile, populations);
console.log(
  `${populationsFile}: ${populations.split('\n').filter((l) => /^\w{5}\t/.test(l)).length} communes, ` +
    `${(Buffer.byteLength(populations) / 1024).toFixed(0)} KB`,
);
