import { pressedGroup } from '../access.ts';
import type { Feature } from '../feature.ts';
import { introduceBot } from './introduce-bot.ts';
import { applySettingChoice, showOrChangeSettings } from './settings.ts';

export function createGroupsFeature(): Feature {
  return {
    name: 'groups',
    commands: [
      {
        names: { fr: 'parametres', en: 'settings' },
        aliases: ['réglages', 'reglages', 'config'],
        descriptionKey: 'settings.description',
        where: 'group',
        organiserOnly: true,
        run: showOrChangeSettings,
      },
    ],
    choices: [
      {
        prefix: 'settings',
        where: 'group',
        role: 'organiser',
        reaches: pressedGroup,
        run: (ctx, _group, rest) => applySettingChoice(ctx, rest),
        listName: (ctx) => Promise.resolve(ctx.t('settings.list_name')),
      },
    ],
    onMembership: introduceBot,
  };
}
