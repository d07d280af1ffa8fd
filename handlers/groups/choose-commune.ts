// /parametres cp <postcode> [commune]: from a postcode to the group's commune, whose
// département decides which heat and cold alerts the group gets. A postcode with one commune
// is settled at once; one with several (01000 has two, 51300 forty-six, 33220 spans Gironde
// and Dordogne) becomes a question: the most populated communes as choices (buttons on
// Telegram, numbered elsewhere), and for the others the admin types the name after the
// postcode. The choice data carries the postcode and the INSEE code; like any choice data it
// may be forged, so the commune is looked up again and must belong to that postcode.
import type { ChatRow } from '../../db/queries/chats.ts';
import { UserFacingError } from '../errors.ts';
import type { OutboundMessage } from '../events.ts';
import type { T } from '../i18n.ts';
import { plain } from '../plain-words.ts';
import { loadCommunesTable, type Commune, type CommunesTable } from './communes-by-postcode.ts';
import { toDepartementTimezone } from './departements.ts';

/** Choices offered at once; a longer list is reached by typing the commune's name. */
export const MAX_COMMUNE_CHOICES = 8;
const MAX_TYPED_NAME = 80;

/** The settings a chosen commune gives a group. */
export interface PlaceSettings {
  postcode: string;
  communeInsee: string;
  departement: string;
  timezone: string;
}

export type CommuneAnswer =
  | { kind: 'found'; settings: PlaceSettings }
  | { kind: 'ask'; message: Extract<OutboundMessage, { kind: 'text' }> };

/** Reads "69003", "69 003" or "51300 Vitry-le-François": the commune, or a question. */
export async function findCommuneForPostcode(t: T, value: string): Promise<CommuneAnswer> {
  const match = /^(\d{2}) ?(\d{3})(?:\s+(.*))?$/s.exec(value.trim());
  if (!match) throw new UserFacingError('settings.bad_postcode');
  const postcode = `${match[1]}${match[2]}`;
  const typed = (match[3] ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TYPED_NAME);
  const table = await loadCommunesTable();
  const communes = table.communesOf(postcode);
  if (communes.length === 0) throw new UserFacingError('settings.unknown_postcode', { postcode });
  const candidates = typed === '' ? communes : matchName(communes, typed);
  if (candidates.length === 0) {
    throw new UserFacingError('settings.commune_not_found', { postcode, name: typed });
  }
  const [only] = candidates;
  if (only && candidates.length === 1) {
    return { kind: 'found', settings: toPlaceSettings(postcode, only) };
  }
  return { kind: 'ask', message: askCommune(t, table, postcode, candidates) };
}

/** The commune of a choice `<postcode>:<insee>`, checked against the table. */
export async function findChosenCommune(value: string): Promise<PlaceSettings> {
  const match = /^(\d{5}):(\d[\dAB]\d{3})$/.exec(value);
  if (!match) throw new UserFacingError('router.stale_choice');
  const [, postcode = '', insee] = match;
  const commune = (await loadCommunesTable()).communesOf(postcode).find((c) => c.insee === insee);
  if (!commune) throw new UserFacingError('router.stale_choice');
  return toPlaceSettings(postcode, commune);
}

/** "69003 — Lyon 3e Arrondissement, Rhône (69)", for the group's settings. Plain text, not
 * yet escaped: it goes into other texts as an interpolated value, which escapes it once. */
export async function describePlace(
  t: T,
  chat: Pick<ChatRow, 'postcode' | 'communeInsee' | 'departement'>,
): Promise<string | undefined> {
  const { postcode, communeInsee, departement } = chat;
  if (!postcode || !departement) return undefined;
  const table = await loadCommunesTable();
  const commune = table.communesOf(postcode).find((c) => c.insee === communeInsee);
  if (!commune) {
    // Set before communes were known (or since gone from the data): the admin can say which.
    return t('settings.place_without_commune', { postcode, departement, ...plainText });
  }
  return t('settings.place', {
    postcode,
    commune: commune.name,
    departement,
    departementName: table.departementName(departement) ?? departement,
    ...plainText,
  });
}

const plainText = { interpolation: { escapeValue: false } };

function toPlaceSettings(postcode: string, commune: Commune): PlaceSettings {
  const timezone = toDepartementTimezone(commune.departement);
  // The table holds only départements with a time zone (scripts/communes-table.ts).
  if (!timezone) throw new Error(`no time zone for département ${commune.departement}`);
  return { postcode, communeInsee: commune.insee, departement: commune.departement, timezone };
}

function askCommune(
  t: T,
  table: CommunesTable,
  postcode: string,
  candidates: Commune[],
): Extract<OutboundMessage, { kind: 'text' }> {
  const shown = candidates.slice(0, MAX_COMMUNE_CHOICES);
  const departements = [...new Set(candidates.map((c) => c.departement))];
  let text =
    departements.length > 1
      ? t('settings.which_commune_departements', {
          postcode,
          departements: departements
            .map((code) => `${table.departementName(code) ?? code} (${code})`)
            .join(', '),
        })
      : t('settings.which_commune', { postcode });
  const firstHidden = candidates[MAX_COMMUNE_CHOICES];
  if (firstHidden) {
    text += `\n\n${t('settings.more_communes', {
      shown: shown.length,
      total: candidates.length,
      postcode,
      example: firstHidden.name,
    })}`;
  }
  return {
    kind: 'text',
    text,
    choices: shown.map((c) => [
      { label: `${c.name} (${c.departement})`, data: `settings:commune:${postcode}:${c.insee}` },
    ]),
  };
}

/** Communes whose name is the typed one, else those whose name contains it; without case,
 * accents or punctuation, and with "St"/"Ste" read as "Saint"/"Sainte". */
function matchName(communes: Commune[], typed: string): Commune[] {
  const wanted = toComparableName(typed);
  if (wanted === '') return communes;
  const exact = communes.filter((c) => toComparableName(c.name) === wanted);
  if (exact.length > 0) return exact;
  return communes.filter((c) => toComparableName(c.name).includes(wanted));
}

function toComparableName(name: string): string {
  return plain(name)
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((word) => (word === 'st' ? 'saint' : word === 'ste' ? 'sainte' : word))
    .join(' ');
}
