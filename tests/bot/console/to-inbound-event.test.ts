import { describe, expect, it } from 'vitest';
import { toInboundEvent } from '../../../bot/console/to-inbound-event.ts';

const alice = { id: '1', name: 'Alice' };

describe('terminal lines to neutral events', () => {
  it('reads commands with / or !, and plays privacy mode in the group', () => {
    expect(
      toInboundEvent({
        id: 'c1',
        speaker: alice,
        where: 'group',
        text: '/paramètres nom Les Lilas',
      }),
    ).toMatchObject({
      addressed: true,
      command: { name: 'paramètres', args: 'nom Les Lilas' },
      chat: { id: 'residence-des-lilas', kind: 'group' },
    });
    expect(
      toInboundEvent({ id: 'c2', speaker: alice, where: 'group', text: '!aide' }),
    ).toMatchObject({ command: { name: 'aide' } });
    expect(
      toInboundEvent({ id: 'c3', speaker: alice, where: 'group', text: 'il fait beau' }),
    ).toMatchObject({ addressed: false });
    expect(
      toInboundEvent({ id: 'c4', speaker: alice, where: 'group', text: 'bot, tu es là ?' }),
    ).toMatchObject({ addressed: true });
    expect(toInboundEvent({ id: 'c5', speaker: alice, where: 'group', text: '2' })).toMatchObject({
      addressed: true,
    });
  });

  it('addresses every private message to the bot, in the speaker’s own chat', () => {
    expect(
      toInboundEvent({ id: 'c6', speaker: alice, where: 'private', text: 'bonjour' }),
    ).toMatchObject({
      addressed: true,
      chat: { id: '1', kind: 'private' },
    });
    expect(
      toInboundEvent({ id: 'c7', speaker: alice, where: 'private', text: '   ' }),
    ).toBeUndefined();
  });
});
