// The privacy section for what the foundation itself keeps: the person's display name,
// platform ids, language, the groups they were seen in, and their private chat with the bot.
import {
  deletePerson,
  deletePrivateChats,
  findPerson,
  findPersonIdentities,
} from '../../db/queries/people.ts';
import { deleteNumberedPromptsFor } from '../../db/queries/numbered-prompts.ts';
import { PERSON_DATA, type PersonData } from '../../db/queries/privacy-export.ts';
import { formatDate } from '../calendar/french-dates.ts';
import { escapeHtml } from '../events.ts';
import type { T } from '../i18n.ts';
import type { PrivacySection } from './registry.ts';

function describeIdentity(platform: string, id: string, t: T): string {
  if (platform === 'whatsapp' && id.endsWith('@c.us')) {
    return t('privacy.id_whatsapp_number', { number: `+${id.slice(0, -'@c.us'.length)}` });
  }
  if (platform === 'whatsapp' && id.endsWith('@lid')) return t('privacy.id_whatsapp_lid', { id });
  if (platform === 'telegram') return t('privacy.id_telegram', { id });
  return t('privacy.id_generic', { platform, id });
}

export const coreSection: PrivacySection<PersonData | null> = {
  key: 'you',
  titleKey: 'privacy.core_title',
  dataSql: PERSON_DATA,
  format(person, { t, locale }) {
    if (!person) return { lines: [], data: null };
    const groupNames = person.groups.map((g) => escapeHtml(g.name ?? t('privacy.unnamed_group')));
    return {
      lines: [
        t('privacy.core_name', { name: person.displayName }),
        // Each id said for what it is: a phone number is not a "console id 2".
        ...person.identities.map((id) => describeIdentity(person.platform, id, t)),
        t('privacy.core_language', {
          language: person.locale ? t(`language.names.${person.locale}`) : '—',
        }),
        t('privacy.core_since', {
          date: formatDate(person.createdAt.slice(0, 10), locale, 'long'),
        }),
        t('privacy.core_groups', { count: person.groups.length }) +
          (groupNames.length ? ` ${groupNames.join(', ')}` : ''),
      ],
      data: person,
    };
  },
  async erase(personId, tx) {
    const person = await findPerson(tx, personId);
    if (!person) return;
    const identities = await findPersonIdentities(tx, personId);
    // The private chat with the bot is the person's own; group chats are not, but the
    // questions put to the person there are closed: nothing asked before the erasure acts
    // after it (their half-typed answers go with the person, pending_answers cascades).
    await deletePrivateChats(tx, person.platform, identities);
    await deleteNumberedPromptsFor(tx, person.platform, identities);
    await deletePerson(tx, personId);
  },
};
