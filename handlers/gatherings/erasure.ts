// A person who erases their data (/oublier) was perhaps bringing something to a gathering:
// it is to take again. Before the erasure, their claims are released, the group's count is
// posted again (it says what is missing), and the organisers are told privately what is
// missing again, without a name.
import { findGatheringsClaimedBy, releaseClaims } from '../../db/queries/gatherings.ts';
import { escapeHtml } from '../events.ts';
import type { Handover } from '../privacy/registry.ts';
import { sendPrivately } from '../reach.ts';
import { organisersOf } from '../watch/rounds.ts';
import { titleOf } from './names.ts';
import { refreshSummary } from './lifecycle.ts';
import { scopeOfChat } from './scope.ts';

export const releaseOnErasure: Handover = {
  // Nothing to ask (no describe): the items simply go back on the list.
  async run(deps, personId) {
    for (const gathering of await findGatheringsClaimedBy(deps.db, personId)) {
      const released = await releaseClaims(deps.db, gathering.id, personId);
      if (released.length === 0) continue;
      const scope = await scopeOfChat(deps, gathering.chatId, deps.clock.now());
      if (!scope) continue;
      for (const organiser of await organisersOf(deps, gathering.chatId)) {
        if (organiser === personId) continue;
        await sendPrivately(deps, organiser, (t) =>
          t('gatherings.released_by_erasure', {
            title: titleOf(gathering, t),
            items: released.map(escapeHtml).join(', '),
            interpolation: { escapeValue: false },
          }),
        );
      }
      await refreshSummary(scope, gathering);
    }
  },
};
