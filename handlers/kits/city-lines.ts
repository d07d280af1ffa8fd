// What a partner city adds to a kit in its groups: its own line for the moment of the year
// (the programme in the console: "la mairie prête tables et chaises"), and, for the kits that
// name the CCAS (canicule, grand froid), its CCAS's number and how to register someone on its
// registry. The same words, read once (findCityOfKit), go into the chat summary
// (toCityLines) and onto the printable documents (toPrintedCity, drawn by
// pdf/printed-city.ts), so the paper twin says what the chat says.
import { findProgrammeLinesOfChat } from '../../db/queries/city-programme.ts';
import type { ChatRow } from '../../db/queries/chats.ts';
import {
  findCcasOfChat,
  findPartnersOfCommune,
  type CcasOfChat,
} from '../../db/queries/partners.ts';
import type { Deps } from '../deps.ts';
import type { T } from '../i18n.ts';
import { formatFrenchPhone } from '../watch/ccas-phone.ts';
import type { Kit } from './kit-schema.ts';
import type { PrintedCity } from './pdf/printed-city.ts';

const WATCH_KITS = new Set(['canicule', 'grand-froid']);

/** Whether a kit's words name the CCAS: its documents then carry the city's CCAS number. */
export function namesCcas(kit: Pick<Kit, 'id'>): boolean {
  return WATCH_KITS.has(kit.id);
}

export interface CityOfKit {
  lines: { partnerName: string; line: string }[];
  ccas?: CcasOfChat | undefined;
}

/** What the group's partner city adds to this kit; undefined outside a partner city. */
export async function findCityOfKit(
  deps: Deps,
  chat: Pick<ChatRow, 'id' | 'communeInsee'>,
  kitId: string,
): Promise<CityOfKit | undefined> {
  // Most groups are in no partner city: the process's cache of partners says so without a
  // statement (db/identity-cache.ts), and then there is nothing to read.
  if (!chat.communeInsee) return undefined;
  if ((await findPartnersOfCommune(deps.db, chat.communeInsee)).length === 0) return undefined;
  const lines = await findProgrammeLinesOfChat(deps.db, chat.id, kitId);
  const ccas = namesCcas({ id: kitId }) ? await findCcasOfChat(deps.db, chat.id) : undefined;
  return { lines, ccas };
}

/** Lines to append (already escaped), none outside a partner city. */
export async function cityLinesFor(
  deps: Deps,
  chat: Pick<ChatRow, 'id' | 'communeInsee'>,
  kitId: string,
  t: T,
): Promise<string[]> {
  return toCityLines(await findCityOfKit(deps, chat, kitId), t);
}

/** The city's words as the chat summary appends them (escaped), in the group's language. */
export function toCityLines(city: CityOfKit | undefined, t: T): string[] {
  if (!city) return [];
  const lines = city.lines.map((l) => t('kits.city_line', { city: l.partnerName, line: l.line }));
  if (city.ccas) {
    const { ccas } = city;
    lines.push(
      t('kits.ccas_line', { city: ccas.partnerName, phone: formatFrenchPhone(ccas.ccasPhone) }),
    );
    if (ccas.ccasRegistryHowto) {
      lines.push(t('watch.ccas_howto', { howto: ccas.ccasRegistryHowto }));
    }
  }
  return lines;
}

/** The city's words as the documents print them, in the group's language. */
export function toPrintedCity(city: CityOfKit | undefined, t: T): PrintedCity | undefined {
  if (!city || (city.lines.length === 0 && !city.ccas)) return undefined;
  const plain = { interpolation: { escapeValue: false } };
  const printed: PrintedCity = {
    programmeLines: city.lines.map((l) =>
      t('kits.pdf.city_line', { city: l.partnerName, line: l.line, ...plain }),
    ),
  };
  if (city.ccas) {
    const { ccas } = city;
    // In the numbers box, plain spaces (it has its own column); in a sentence, no-break
    // spaces, so the number is never cut across two lines, and isolated left to right, so an
    // Arabic sentence does not turn its groups round (pdf/bidi-text.ts).
    const grouped = formatFrenchPhone(ccas.ccasPhone);
    const number = grouped.replace(/\u00a0/g, ' ');
    const label = t('kits.pdf.ccas_label', { city: ccas.partnerName, ...plain });
    printed.ccas = {
      label,
      number,
      line: t('kits.pdf.ccas_line', { label, number: `\u2066${grouped}\u2069`, ...plain }),
      ...(ccas.ccasRegistryHowto
        ? { howto: t('watch.ccas_howto', { howto: ccas.ccasRegistryHowto, ...plain }) }
        : {}),
    };
  }
  return printed;
}

/** Appends the city's lines to a text (with a blank line), or gives the text unchanged. */
export function withCityLines(text: string, lines: string[]): string {
  return lines.length === 0 ? text : `${text}\n\n${lines.join('\n')}`;
}
