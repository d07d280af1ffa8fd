// The privacy section for what the foundation itself keeps: the person's display name,
// platform ids, language, the groups they were seen in, and their private chat with the bot.
import {
  deletePerson,
  deletePrivateChats,
  findPerson,
  findPersonIdentities,
} from '../../db/queries/people.ts';
import { PERSON_DATA, type PersonData } from '../../db/queries/privacy-export.ts';
import { escapeHtml } from '../events.ts';
import type { PrivacySection } from './registry.ts';

export const coreSection: PrivacySection<PersonData | null> = {
  key: 'you',
  titleKey: 'privacy.core_title',
  dataSql: PERSON_DATA,
  format(person, { t }) {
    if (!person) return { lines: [], data: null };
    const groupNames = person.groups.map((g) => escapeHtml(g.name ?? '?'));
    return {
      lines: [
        t('privacy.core_name', { name: person.displayName }),
        t('privacy.core_ids', { platform: person.platform, ids: person.identities.join(', ') }),
        t('privacy.core_language', { language: person.locale ?? '—' }),
        t('privacy.core_since', { date: person.createdAt.slice(0, 10) }),
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
    // The private chat with the bot is the person's own; group chats are not.
    await deletePrivateChats(tx, person.platform, identities);
    await deletePerson(tx, personId);
  },
};
