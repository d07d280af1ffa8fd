// A person who erases their data (/oublier) was perhaps bringing something to a gathering:
// it is to take again. Before the erasure, their claims are released and the group's count
// is posted again (or edited), which shows what is missing, as any change to the list does.
// The organisers get no message of their own: in a group of a few neighbours, "someone
// erased their data" next to the items they had taken would point at that person.
import { findGatheringsClaimedBy, releaseClaims } from '../../db/queries/gatherings.ts';
import type { Handover } from '../privacy/registry.ts';
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
      await refreshSummary(scope, gathering);
    }
  },
};
