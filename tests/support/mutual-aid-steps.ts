// Steps of help between neighbours on Telegram that end-to-end files take the same way: a
// volunteer signs up through the deep link and the category buttons, and a person publishes
// the card they were shown.
import { expect } from 'vitest';
import type { createTelegramChat } from './telegram-e2e.ts';
import { buttonsOf, type Person, type TelegramHarness } from './telegram-harness.ts';

/** `groupId`: the group's id in the database, once the test has made it. */
export function createMutualAidSteps(
  h: TelegramHarness,
  { sayPrivately, pressPrivately, lastPrivate }: ReturnType<typeof createTelegramChat>,
  groupId: () => number,
) {
  return {
    /** Offers help in `categories`, available when `availability` says (any time without). */
    signUp: async (user: Person, categories: string[], availability?: string) => {
      await sayPrivately(user, `/start volunteer-${groupId()}`);
      for (const category of categories) {
        await pressPrivately(user, `aid:vcat:${groupId()}:${category}`);
      }
      await pressPrivately(user, `aid:vdone:${groupId()}`);
      if (availability) await sayPrivately(user, availability);
      else await pressPrivately(user, `aid:vany:${groupId()}`);
      expect(lastPrivate(user)).toContain("C'est noté\u202f! Vous pouvez aider vos voisins");
    },
    /** The person looks at the card they will publish, and publishes it. */
    publishes: async (user: Person) => {
      expect(lastPrivate(user)).toContain('voici votre demande telle que vos voisins la verront');
      const publish = buttonsOf(h.sentTo(user.id).at(-1)).find((b) =>
        b.callback_data?.startsWith('aid:npub:'),
      );
      await pressPrivately(user, publish!.callback_data!);
    },
  };
}
