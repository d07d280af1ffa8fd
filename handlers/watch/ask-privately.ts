// Check-in questions go privately, as everything about a watched neighbour does. Where there
// are no buttons, a numbered answer lasts a while only (NUMBERED_CHOICE_TTL_MINUTES), so the
// question says how to come back to it.
import type { Deps } from '../deps.ts';
import type { OutboundMessage } from '../events.ts';
import type { T } from '../i18n.ts';
import { privateLineTo } from '../reach.ts';

/**
 * Sends a check-in question privately (as sendPrivately does); without buttons, it says how
 * to come back to it once its numbered answers have expired.
 */
export async function askPrivately(
  deps: Deps,
  personId: number,
  build: (t: T) => Extract<OutboundMessage, { kind: 'text' }>,
): Promise<boolean> {
  const line = await privateLineTo(deps, personId);
  if (!line) return false;
  const message = build(line.t);
  const numbered = !line.messenger.capabilities.inlineButtons;
  try {
    await line.send(
      numbered
        ? { ...message, text: `${message.text}\n\n${line.t('watch.answer_later')}` }
        : message,
    );
    return true;
  } catch (error) {
    deps.logger.warn({ err: error, personId }, 'private message not delivered');
    return false;
  }
}
