// What a partner city adds to a kit in its groups: its own line for the moment of the year
// (the programme in the console: "la mairie prête tables et chaises"), and, for the heat and
// cold kits, its CCAS's number and how to register someone on its registry.
import { findProgrammeLinesOfChat } from '../../db/queries/city-programme.ts';
import type { ChatRow } from '../../db/queries/chats.ts';
import { findCcasOfChat, findPartnersOfCommune } from '../../db/queries/partners.ts';
import type { Deps } from '../deps.ts';
import type { T } from '../i18n.ts';
import { formatFrenchPhone } from '../watch/ccas-phone.ts';

const WATCH_KITS = new Set(['canicule', 'grand-froid']);

/** Lines to append (already escaped), none outside a partner city. */
export async function cityLinesFor(
  deps: Deps,
  chat: Pick<ChatRow, 'id' | 'communeInsee'>,
  kitId: string,
  t: T,
): Promise<string[]> {
  // Most groups are in no partner city: the process's cache of partners says so without a
  // statement (db/identity-cache.ts), and then there is nothing to read.
  if (!chat.communeInsee) return [];
  if ((await findPartnersOfCommune(deps.db, chat.communeInsee)).length === 0) return [];
  const chatId = chat.id;
  const lines = (await findProgrammeLinesOfChat(deps.db, chatId, kitId)).map((l) =>
    t('kits.city_line', { city: l.partnerName, line: l.line }),
  );
  if (WATCH_KITS.has(kitId)) {
    const ccas = await findCcasOfChat(deps.db, chatId);
    if (ccas) {
      lines.push(
        t('kits.ccas_line', { city: ccas.partnerName, phone: formatFrenchPhone(ccas.ccasPhone) }),
      );
      if (ccas.ccasRegistryHowto) {
        lines.push(t('watch.ccas_howto', { howto: ccas.ccasRegistryHowto }));
      }
    }
  }
  return lines;
}

/** Appends the city's lines to a text (with a blank line), or gives the text unchanged. */
export function withCityLines(text: string, lines: string[]): string {
  return lines.length === 0 ? text : `${text}\n\n${lines.join('\n')}`;
}
