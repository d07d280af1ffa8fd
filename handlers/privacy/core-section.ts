// The privacy section for what the foundation itself keeps: the person's display name,
// platform ids, language, the groups they were seen in, and their private chat with the bot.
import {
  deletePerson,
  deletePrivateChats,
  findPerson,
  findPersonIdentities,
  findPersonRecord,
} from '../../db/queries/people.ts';
import { escapeHtml } from '../events.ts';
import type { PrivacySection } from './registry.ts';

export const coreSection: PrivacySection = {
  titleKey: 'privacy.core_title',
  async export(personId, { db, t }) {
    const record = await findPersonRecord(db, personId);
    if (!record) return { lines: [], data: null };
    const { person, identities, groups } = record;
    const groupNames = groups.map((g) => escapeHtml(g.name ?? g.title ?? '?'));
    return {
      lines: [
        t('privacy.core_name', { name: person.displayName }),
        t('privacy.core_ids', { platform: person.platform, ids: identities.join(', ') }),
        t('privacy.core_language', { language: person.locale ?? '—' }),
        t('privacy.core_since', { date: person.createdAt.toISOString().slice(0, 10) }),
        t('privacy.core_groups', { count: groups.length }) +
          (groupNames.length ? ` ${groupNames.join(', ')}` : ''),
      ],
      data: {
        displayName: person.displayName,
        platform: person.platform,
        identities,
        locale: person.locale,
        reachablePrivately: person.reachablePrivately,
        createdAt: person.createdAt,
        lastSeenAt: person.lastSeenAt,
        groups: groups.map((g) => ({ name: g.name ?? g.title, since: g.firstSeenAt })),
      },
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
