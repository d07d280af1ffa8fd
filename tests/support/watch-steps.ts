// Steps of the heat and cold watch on Telegram that end-to-end files take the same way.
import type { createTelegramChat } from './telegram-e2e.ts';
import { buttonsOf, type Person, type TelegramHarness } from './telegram-harness.ts';

export function createWatchSteps(
  h: TelegramHarness,
  { sayPrivately, pressPrivately }: ReturnType<typeof createTelegramChat>,
) {
  return {
    /**
     * A referent adds a member of the group (2e, by telephone, no emergency contact), who is
     * to give their own consent: they are then asked privately.
     */
    addMember: async (referent: Person, member: Person) => {
      await sayPrivately(referent, '/veiller');
      await sayPrivately(referent, member.first_name);
      await sayPrivately(referent, '2e');
      await sayPrivately(referent, 'téléphone');
      await pressPrivately(referent, 'watch:nocontact');
      await pressPrivately(referent, buttonsOf(h.sentTo(referent.id).at(-1))[0]!.callback_data!);
      const pick = buttonsOf(h.sentTo(referent.id).at(-1)).find(
        (b) => b.text === member.first_name,
      )!;
      await pressPrivately(referent, pick.callback_data!);
    },
  };
}
